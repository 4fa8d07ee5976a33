"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { ActionResult } from "@/lib/core/action-result";
import type { CertifiedHash } from "@/lib/certifications/find-certified-hashes";
import { MAX_FILES } from "@/lib/certifications/certification-input";
import { hashFiles, releaseHashWorkers, warmHashWorkers, type HashRun } from "@/lib/hashing/hash-pool";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DisplayName } from "@/components/ui/display-name";
import { ProgressBar } from "@/components/ui/progress-bar";
import { useHydrated } from "@/components/ui/use-hydrated";
import { handOverDroppedFiles } from "./dropped-files";
import { displayName, FileDrop } from "./file-drop";
import { formatBytes } from "./format";
import { displayText } from "@/lib/text/display-name";
import { Time } from "@/components/ui/time";

interface Dropped {
  id: string;
  file: File;
  name: string;
  bytes: number;
  sha256?: string;
  error?: string;
}

/**
 * The list page's drop zone: the browser hashes the dropped files (nothing is uploaded), asks which hashes this tenant
 * certified before, and says for each file either which certification holds it (verified: the hash matches) or that
 * it is new, with a way to certify the new ones.
 */
export function DropCheck({
  canCertify,
  findCertifiedAction,
}: {
  canCertify: boolean;
  findCertifiedAction(input: { hashes: string[] }): Promise<ActionResult<CertifiedHash[]>>;
}) {
  const hydrated = useHydrated();
  const router = useRouter();
  const [dropped, setDropped] = useState<Dropped[]>([]);
  const [found, setFound] = useState<Map<string, CertifiedHash[]> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useRef<HashRun | null>(null);

  useEffect(
    () => () => {
      run.current?.cancel();
      releaseHashWorkers();
    },
    [],
  );

  const check = (files: File[]) => {
    run.current?.cancel();
    setFound(null);
    setError(
      files.length > MAX_FILES
        ? `Up to ${MAX_FILES} files at once: the first ${MAX_FILES} are checked.`
        : null,
    );
    const next = files.slice(0, MAX_FILES).map((file, i) => ({
      id: `d${Date.now()}-${i}`,
      file,
      name: displayName(file),
      bytes: 0,
    }));
    setDropped(next);
    if (!next.length) return;
    void warmHashWorkers();
    const hashes = new Map<string, string>();
    const update = (id: string, patch: Partial<Dropped>) =>
      setDropped((list) => list.map((d) => (d.id === id ? { ...d, ...patch } : d)));
    const current = hashFiles(
      next.map((d) => ({ id: d.id, file: d.file })),
      {
        onProgress: (id, bytes) => update(id, { bytes }),
        onDone: (id, sha256) => {
          hashes.set(id, sha256);
          update(id, { sha256 });
        },
        onError: (id, message) => {
          if (id === "*") setError(message);
          else update(id, { error: message });
        },
      },
    );
    run.current = current;
    void current.done.then(async () => {
      if (run.current !== current || !hashes.size) return;
      const result = await findCertifiedAction({ hashes: [...new Set(hashes.values())] });
      if (run.current !== current) return;
      if (!result.ok) {
        setError(result.error);
        return;
      }
      const map = new Map<string, CertifiedHash[]>();
      for (const row of result.data) map.set(row.sha256, [...(map.get(row.sha256) ?? []), row]);
      setFound(map);
    });
  };

  const fresh = found ? dropped.filter((d) => d.sha256 && !found.has(d.sha256)) : [];
  const certifyNew = () => {
    handOverDroppedFiles(fresh.map((d) => ({ file: d.file, name: d.name, sha256: d.sha256! })));
    router.push("/certifications/new");
  };

  return (
    <section aria-label="Check or certify files" className="mb-6 space-y-3">
      <FileDrop
        label="Drop files to check or certify"
        onFiles={check}
        disabled={!hydrated}
        hint="Hashed in your browser (nothing is uploaded): each file is matched against this tenant's certifications."
      />
      {error ? <Alert tone="error">{error}</Alert> : null}
      {dropped.length ? (
        <ul className="space-y-2" aria-live="polite">
          {dropped.map((d) => {
            const matches = d.sha256 && found ? (found.get(d.sha256) ?? []) : [];
            return (
              <li
                key={d.id}
                className="rounded-md border border-slate-200 bg-white p-3 text-sm"
                data-testid="drop-check-result"
              >
                <p className="font-medium text-slate-900">
                  <DisplayName value={d.name} />{" "}
                  <span className="font-normal text-slate-500">{formatBytes(d.file.size)}</span>
                </p>
                {d.error ? (
                  <p className="text-red-700">{d.error}</p>
                ) : !d.sha256 ? (
                  <ProgressBar label={`Hashing ${displayText(d.name)}`} value={d.bytes} max={d.file.size} />
                ) : !found ? (
                  <p className="text-slate-600">Looking for it among the certifications…</p>
                ) : matches.length ? (
                  <div className="text-emerald-800">
                    <p className="font-medium">Certified: the SHA-256 matches</p>
                    <ul className="list-disc pl-5">
                      {matches.map((m) => (
                        <li key={m.certificationId}>
                          <Link
                            href={`/certifications/${m.certificationId}`}
                            className="font-medium text-brand-700 underline"
                          >
                            <DisplayName value={m.title} />
                          </Link>{" "}
                          as <DisplayName value={m.fileName} />, <Time value={m.createdAt} /> (
                          {m.status === "completed" ? "completed" : "pending"})
                        </li>
                      ))}
                    </ul>
                  </div>
                ) : (
                  <p className="font-medium text-slate-800">
                    New: not certified in this tenant (no certification holds this SHA-256).
                  </p>
                )}
                {d.sha256 ? (
                  <p className="mt-1 font-mono text-xs break-all text-slate-600">SHA-256 {d.sha256}</p>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {fresh.length && canCertify ? (
        <Button onClick={certifyNew}>
          Certify {fresh.length} new file{fresh.length === 1 ? "" : "s"}
        </Button>
      ) : null}
    </section>
  );
}
