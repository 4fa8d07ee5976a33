"use client";

import { useRef } from "react";
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
 * A drop zone for files and folders (react-dropzone). Click or Enter/Space opens the file chooser; a second button
 * chooses a whole folder where the browser allows it.
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
  const { getRootProps, getInputProps, isDragActive } = useDropzone({
    onDrop: (accepted) => onFiles(accepted),
    disabled,
    multiple,
  });
  return (
    <div>
      <div
        {...getRootProps({
          "aria-label": label,
          role: "button",
          className: `flex min-h-36 cursor-pointer flex-col items-center justify-center rounded-lg border-2 border-dashed px-6 py-8 text-center transition-colors focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-600 ${
            isDragActive ? "border-brand-600 bg-brand-50" : "border-slate-300 bg-white hover:border-slate-400"
          } ${disabled ? "cursor-not-allowed opacity-60" : ""}`,
        })}
      >
        <input {...getInputProps({ "aria-label": `${label} (file chooser)` })} data-testid="file-input" />
        <p className="text-sm font-medium text-slate-800">
          {isDragActive ? "Drop to add" : "Drop files here, or click to choose"}
        </p>
        {hint ? <p className="mt-1 text-xs text-slate-500">{hint}</p> : null}
      </div>
      {multiple ? (
        <div className="mt-2 text-right">
          <button
            type="button"
            disabled={disabled}
            onClick={() => folderInput.current?.click()}
            className="text-xs font-medium text-brand-700 hover:underline disabled:text-slate-400"
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
