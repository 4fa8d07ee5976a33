"use client";

import { useId, useRef } from "react";
import { useDropzone } from "react-dropzone";

/** Where the dropped file came from: its path inside a dropped folder, or its name. */
export function displayName(file: File): string {
  const path =
    (file as File & { path?: string; relativePath?: string }).relativePath || file.webkitRelativePath;
  const withPath = (file as File & { path?: string }).path;
  const chosen = path || withPath || file.name;
  return chosen.replace(/^\.?\/+/, "") || file.name;
}

/**
 * A drop zone for files and folders (react-dropzone). The zone takes drops and clicks; inside it one real button
 * (named by its visible words) opens the file chooser by keyboard or click, and a second button below chooses a
 * whole folder where the browser allows it. The file inputs sit outside the zone: nothing focusable is nested in
 * the button, and the button's name is the text it shows.
 */
export function FileDrop({
  onFiles,
  disabled,
  label,
  hint,
  multiple = true,
}: {
  onFiles: (files: File[]) => void;
  disabled?: boolean;
  label: string;
  hint?: string;
  multiple?: boolean;
}) {
  const folderInput = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const { getRootProps, getInputProps, isDragActive } = useDropzone({
    onDrop: (accepted) => onFiles(accepted),
    disabled,
    multiple,
    // The button inside takes the keyboard; a click anywhere in the zone (the button's too) opens the chooser.
    noKeyboard: true,
  });
  const rootProps = getRootProps({
    className: `flex min-h-36 cursor-pointer flex-col items-center justify-center rounded-lg border-2 border-dashed px-6 py-8 text-center transition-colors ${
      isDragActive ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-white hover:border-slate-400"
    } ${disabled ? "cursor-not-allowed opacity-60" : ""}`,
  });
  return (
    <div>
      <div {...rootProps}>
        <button
          type="button"
          disabled={disabled}
          aria-describedby={hint ? hintId : undefined}
          className="rounded-md px-2 py-1 text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 disabled:cursor-not-allowed"
        >
          <span className="block font-medium text-slate-900">{label}</span>
          <span className="block text-slate-700">
            {isDragActive ? "Drop to add" : "Drop files here, or click to choose"}
          </span>
        </button>
        {hint ? (
          <p id={hintId} className="mt-1 text-xs text-slate-600">
            {hint}
          </p>
        ) : null}
      </div>
      <input {...getInputProps({ "aria-label": `${label} (file chooser)` })} data-testid="file-input" />
      {multiple ? (
        <div className="mt-2 text-right">
          <button
            type="button"
            disabled={disabled}
            onClick={() => folderInput.current?.click()}
            className="text-xs font-medium text-brand-700 hover:underline disabled:text-slate-500"
          >
            Choose a folder…
          </button>
          <input
            ref={folderInput}
            type="file"
            className="hidden"
            aria-hidden="true"
            tabIndex={-1}
            {...({ webkitdirectory: "", directory: "" } as object)}
            onChange={(event) => {
              const files = Array.from(event.target.files ?? []);
              event.target.value = "";
              if (files.length) onFiles(files);
            }}
          />
        </div>
      ) : null}
    </div>
  );
}
