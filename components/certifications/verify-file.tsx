"use client";

import { useEffect, useRef, useState } from "react";
import { hashFiles, releaseHashWorkers, warmHashWorkers, type HashRun } from "@/lib/hashing/hash-pool";
import { useHydrated } from "@/components/ui/use-hydrated";
import { ProgressBar } from "@/components/ui/progress-bar";
import { FileDrop, displayName } from "./file-drop";
import { DisplayName } from "@/components/ui/display-name";
import { displayText } from "@/lib/text/display-name";

interface Check {
  id: string;
  name: string;
  size: number;
  bytes: number;
  sha256?: string;
  error?: string;
}

/** Drop a file: the browser hashes it (nothing is sent) and says whether it is one of this certification's files. */
export function VerifyFile({ files }: { files: Array<{ name: string; sha256: string | null }> }) {
  const hydrated = useHydrated();
  const [checks, setChecks] = useState<Check[]>([]);
  const run = useRef<HashRun | null>(null);
  const known = files.filter((f): f is { name: string; sha256: string } => Boolean(f.sha256));
  const canVerify = known.length > 0;
  useEffect(() => {
    if (!canVerify) return;
    void warmHashWorkers();
    return () => {
      run.current?.cancel();
      releaseHashWorkers();
    };
  }, [canVerify]);

  const verify = (dropped: File[]) => {
    run.current?.cancel();
    const next = dropped.map((file, i) => ({
      id: `v${Date.now()}-${i}`,
      name: displayName(file),
      size: file.size,
      bytes: 0,
    }));
    setChecks(next);
    const update = (id: string, patch: Partial<Check>) =>
      setChecks((list) => list.map((c) => (c.id === id ? { ...c, ...patch } : c)));
    run.current = hashFiles(
      next.map((check, i) => ({ id: check.id, file: dropped[i]! })),
      {
        onProgress: (id, bytes) => update(id, { bytes }),
        onDone: (id, sha256) => update(id, { sha256 }),
        onError: (id, message) => update(id, { error: message }),
      },
    );
  };

  if (!known.length)
    return (
      <p className="text-sm text-slate-600">
        The hashes of these files are not known yet: TrueScreen reports them when the certification completes.
      </p>
    );

  return (
    <div className="space-y-3">
      <FileDrop
        label="File to verify"
        onFiles={verify}
        disabled={!hydrated}
        hint="Hashed in your browser; the file is not uploaded."
      />
      <ul className="space-y-2" aria-live="polite">
        {checks.map((check) => {
          const matches = check.sha256 ? known.filter((f) => f.sha256 === check.sha256) : [];
          return (
            <li
              key={check.id}
              className="rounded-md border border-slate-200 bg-white p-3 text-sm"
              data-testid="verify-result"
            >
              <p className="font-medium text-slate-900">
                <DisplayName value={check.name} />
              </p>
              {check.error ? (
                <p role="alert" className="text-red-700">
                  {check.error}
                </p>
              ) : !check.sha256 ? (
                <ProgressBar
                  label={`Hashing ${displayText(check.name)}`}
                  value={check.bytes}
                  max={check.size}
                />
              ) : matches.length ? (
                <p className="font-medium text-emerald-800">
                  Match: identical to <DisplayName value={matches.map((m) => m.name).join(", ")} /> in this
                  certification.
                </p>
              ) : (
                <p className="font-medium text-red-700">
                  No match: this file is not one of the files of this certification (it differs from every
                  certified hash).
                </p>
              )}
              {check.sha256 ? (
                <p className="mt-1 font-mono text-xs break-all text-slate-600">SHA-256 {check.sha256}</p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
