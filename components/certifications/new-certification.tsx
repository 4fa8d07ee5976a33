"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useMemo, useRef, useState } from "react";
import type { ActionResult } from "@/lib/core/action-result";
import type {
  FileCertificationInput,
  HashCertificationInput,
} from "@/lib/certifications/certification-input";
import type { certifyHashes } from "@/lib/certifications/certify-hashes";
import type { certifyUploadedFiles } from "@/lib/certifications/certify-uploaded-files";
import type { CertifiedHash, findCertifiedHashes } from "@/lib/certifications/find-certified-hashes";
import { parseDigestLines, type DigestParse } from "@/lib/certifications/parse-digest-lines";
import type { registerUploadsAgain } from "@/lib/certifications/register-uploads-again";
import type { startFileCertification } from "@/lib/certifications/start-file-certification";
import { hashFiles, releaseHashWorkers, warmHashWorkers, type HashRun } from "@/lib/hashing/hash-pool";
import { uploadFile, UploadError } from "@/lib/upload/upload-file";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import { ProgressBar } from "@/components/ui/progress-bar";
import { useHydrated } from "@/components/ui/use-hydrated";
import { displayName, FileDrop } from "./file-drop";
import { clearDroppedFiles, peekDroppedFiles } from "./dropped-files";
import { formatBytes, rateLine } from "./format";
import { DisplayName } from "@/components/ui/display-name";
import { displayText, hasBidiControls } from "@/lib/text/display-name";
import { Time } from "@/components/ui/time";

const MAX_FILES = 1000;
const UPLOAD_CONCURRENCY = 3;
const MAX_UPLOAD_ROUNDS = 4;

type Mode = "hash" | "file";

interface Entry {
  id: string;
  /** Null for a pasted digest: the file is not at hand, only its name and SHA-256. */
  file: File | null;
  size: number;
  name: string;
  state: "waiting" | "hashing" | "hashed" | "failed";
  bytes: number;
  sha256?: string;
  error?: string;
}

let nextId = 0;

/** The server actions this screen calls, passed in by the page (components do no data access of their own). */
type Answer<Verb extends (...args: never[]) => Promise<unknown>> = Promise<
  ActionResult<Awaited<ReturnType<Verb>>>
>;

export interface CertificationActions {
  abandonUploadAction(input: { id: string; reason: string }): Promise<ActionResult<null>>;
  certifyHashesAction(input: HashCertificationInput): Answer<typeof certifyHashes>;
  certifyUploadedAction(input: { id: string }): Answer<typeof certifyUploadedFiles>;
  creditsAction(): Promise<ActionResult<{ credits: number | null }>>;
  findCertifiedAction(input: { hashes: string[] }): Answer<typeof findCertifiedHashes>;
  registerAgainAction(input: {
    id: string;
    lastModified: Array<number | null>;
  }): Answer<typeof registerUploadsAgain>;
  startUploadAction(input: FileCertificationInput): Answer<typeof startFileCertification>;
}

export function NewCertification({ actions }: { actions: CertificationActions }) {
  const {
    abandonUploadAction,
    certifyHashesAction,
    certifyUploadedAction,
    creditsAction,
    findCertifiedAction,
    registerAgainAction,
    startUploadAction,
  } = actions;
  const hydrated = useHydrated();
  const router = useRouter();
  const formId = useId();
  const [mode, setMode] = useState<Mode>("hash");
  // Files handed over by the list page's drop zone, already hashed there (read on mount, then cleared).
  const [handed] = useState<Entry[]>(() =>
    peekDroppedFiles()
      .slice(0, MAX_FILES)
      .map((d) => ({
        id: `f${nextId++}`,
        file: d.file,
        size: d.file.size,
        name: d.name,
        state: "hashed",
        bytes: d.file.size,
        sha256: d.sha256,
      })),
  );
  const [title, setTitle] = useState(() =>
    handed.length === 1 ? handed[0]!.name : handed.length ? `${handed.length} files` : "",
  );
  const [pdf, setPdf] = useState(true);
  const [metadata, setMetadata] = useState<Array<{ key: string; value: string }>>([]);
  const [entries, setEntries] = useState<Entry[]>(handed);
  const [hashStartedAt, setHashStartedAt] = useState<number | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<null | "certifying" | "uploading">(null);
  // startedAt is set once per round; progress events only replace `sent` (the clock below does not restart on them).
  const [upload, setUpload] = useState<{ sent: number[]; startedAt: number; round: number } | null>(null);
  // Earlier certifications of the hashes on screen (asked once per hash), and the entries to certify again anyway.
  const [certifiedBefore, setCertifiedBefore] = useState<Map<string, CertifiedHash[]>>(() => new Map());
  const [checkedHashes, setCheckedHashes] = useState<Set<string>>(() => new Set());
  const [checkError, setCheckError] = useState<string | null>(null);
  const [certifyAgain, setCertifyAgain] = useState<Set<string>>(() => new Set());
  const [pasted, setPasted] = useState("");
  const [pasteErrors, setPasteErrors] = useState<DigestParse["errors"]>([]);
  // Hashing runs under way (dropping more files while hashing starts another run beside the first).
  const hashRuns = useRef(new Set<HashRun>());
  const uploadAbort = useRef<AbortController | null>(null);
  const confirmDialog = useRef<HTMLDialogElement>(null);

  const credits = useQuery({
    queryKey: ["truescreen-credits"],
    queryFn: async () => {
      const result = await creditsAction();
      if (!result.ok) throw new Error(result.error);
      return result.data.credits;
    },
    retry: false,
  });

  const hashing = entries.some((e) => e.state === "waiting" || e.state === "hashing") && mode === "hash";
  const uploading = upload !== null;
  useEffect(() => {
    if (!hashing && !uploading) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [hashing, uploading]);

  useEffect(() => clearDroppedFiles(), []);

  // Once hashing is over, ask which hashes this tenant certified before (one request for all the new ones).
  const uncheckedKey = [
    ...new Set(entries.flatMap((e) => (e.sha256 && !checkedHashes.has(e.sha256) ? [e.sha256] : []))),
  ].join(",");
  useEffect(() => {
    if (hashing || !uncheckedKey) return;
    const hashes = uncheckedKey.split(",").slice(0, MAX_FILES);
    let live = true;
    void findCertifiedAction({ hashes }).then(
      (result) => {
        if (!live) return;
        if (result.ok) {
          setCheckError(null);
          setCertifiedBefore((before) => {
            const next = new Map(before);
            for (const row of result.data) next.set(row.sha256, [...(next.get(row.sha256) ?? []), row]);
            return next;
          });
        } else setCheckError(result.error);
        setCheckedHashes((checked) => new Set([...checked, ...hashes]));
      },
      () => {
        if (!live) return;
        setCheckError("Could not check whether these files were certified before.");
        setCheckedHashes((checked) => new Set([...checked, ...hashes]));
      },
    );
    return () => {
      live = false;
    };
  }, [hashing, uncheckedKey, findCertifiedAction]);

  const startHashing = useCallback((toHash: Entry[]) => {
    if (!toHash.length) return;
    if (hashRuns.current.size === 0) setHashStartedAt(Date.now());
    setEntries((list) =>
      list.map((e) => (toHash.some((t) => t.id === e.id) ? { ...e, state: "hashing", bytes: 0 } : e)),
    );
    const update = (id: string, patch: Partial<Entry>) =>
      setEntries((list) => list.map((e) => (e.id === id ? { ...e, ...patch } : e)));
    const run = hashFiles(
      toHash.flatMap((e) => (e.file ? [{ id: e.id, file: e.file }] : [])),
      {
        onProgress: (id, bytes) => update(id, { bytes }),
        onDone: (id, sha256) => {
          const entry = toHash.find((e) => e.id === id);
          update(id, { state: "hashed", sha256, bytes: entry?.size ?? 0 });
        },
        onError: (id, message) => {
          if (id === "*") setError(message);
          else update(id, { state: "failed", error: message });
        },
      },
    );
    hashRuns.current.add(run);
    void run.done.then(() => hashRuns.current.delete(run));
  }, []);

  const cancelAllHashing = useCallback(() => {
    for (const run of hashRuns.current) run.cancel();
    hashRuns.current.clear();
  }, []);

  useEffect(() => {
    void warmHashWorkers();
    return () => {
      cancelAllHashing();
      releaseHashWorkers();
    };
  }, [cancelAllHashing]);

  const addFiles = (files: File[]) => {
    setError(null);
    const room = MAX_FILES - entries.length;
    if (files.length > room)
      setError(`Up to ${MAX_FILES} files per certification: ${files.length - room} were not added.`);
    const added: Entry[] = files.slice(0, Math.max(0, room)).map((file) => ({
      id: `f${nextId++}`,
      file,
      size: file.size,
      name: displayName(file),
      state: "waiting",
      bytes: 0,
    }));
    if (!added.length) return;
    setEntries((list) => [...list, ...added]);
    if (!title && added[0]) setTitle(added.length === 1 ? added[0].name : `${added.length} files`);
    if (mode === "hash") startHashing(added);
  };

  const addPasted = () => {
    const parsed = parseDigestLines(pasted);
    setPasteErrors(parsed.errors);
    if (parsed.errors.length) return;
    if (!parsed.files.length) {
      setPasteErrors([{ line: 1, message: "Paste at least one digest." }]);
      return;
    }
    if (parsed.files.length > MAX_FILES - entries.length) {
      setPasteErrors([{ line: 1, message: `Up to ${MAX_FILES} files per certification.` }]);
      return;
    }
    const added: Entry[] = parsed.files.map((f) => ({
      id: `f${nextId++}`,
      file: null,
      size: 0,
      name: f.name,
      state: "hashed",
      bytes: 0,
      sha256: f.sha256,
    }));
    setEntries((list) => [...list, ...added]);
    if (!title) setTitle(added.length === 1 ? added[0]!.name : `${added.length} digests`);
    setPasted("");
  };

  const chooseMode = (next: Mode) => {
    setMode(next);
    setError(null);
    if (next === "hash") startHashing(entries.filter((e) => e.state !== "hashed"));
    else {
      cancelAllHashing();
      setEntries((list) =>
        list.map((e) => (e.state === "hashing" ? { ...e, state: "waiting", bytes: 0 } : e)),
      );
    }
  };

  const cancelHashing = () => {
    cancelAllHashing();
    setEntries((list) => list.filter((e) => e.state === "hashed" || e.state === "failed"));
  };

  const remove = (id: string) => setEntries((list) => list.filter((e) => e.id !== id));
  const earlier = (entry: Entry) => (entry.sha256 ? (certifiedBefore.get(entry.sha256) ?? []) : []);
  // Files certified before that the user has not yet chosen to skip or certify again: nothing is spent until then.
  const undecided = entries.filter((e) => earlier(e).length > 0 && !certifyAgain.has(e.id));
  const skipAllCertified = () => {
    const skip = new Set(undecided.map((e) => e.id));
    setEntries((list) => list.filter((e) => !skip.has(e.id)));
  };

  const duplicates = useMemo(() => {
    const seen = new Map<string, string>();
    const dup = new Map<string, string>();
    for (const entry of entries) {
      if (!entry.sha256) continue;
      const first = seen.get(entry.sha256);
      if (first) dup.set(entry.id, first);
      else seen.set(entry.sha256, entry.name);
    }
    return dup;
  }, [entries]);

  const totalBytes = entries.reduce((sum, e) => sum + e.size, 0);
  const hashedBytes = entries.reduce((sum, e) => sum + (e.state === "hashed" ? e.size : e.bytes), 0);
  const failed = entries.filter((e) => e.state === "failed");
  const pastedCount = entries.filter((e) => !e.file).length;
  const checking = entries.some((e) => e.sha256 && !checkedHashes.has(e.sha256));
  const ready =
    entries.length > 0 &&
    title.trim().length > 0 &&
    !checking &&
    undecided.length === 0 &&
    (mode === "file" ? pastedCount === 0 : entries.every((e) => e.state === "hashed"));
  const cost = entries.length;
  const short = typeof credits.data === "number" && credits.data < cost;

  const submitHashes = async () => {
    setBusy("certifying");
    setError(null);
    const result = await certifyHashesAction({
      title,
      generatePdfReport: pdf,
      metadata,
      // Only names and hashes leave the browser in this mode.
      files: entries.map((e) => ({ name: e.name, sha256: e.sha256! })),
    });
    if (!result.ok) {
      setBusy(null);
      setError(result.error);
      return;
    }
    router.push(`/certifications/${result.data.id}`);
  };

  const submitFiles = async () => {
    setBusy("uploading");
    setError(null);
    const files = entries.flatMap((e) => (e.file ? [e.file] : []));
    if (files.length !== entries.length) {
      setBusy(null);
      setError("Pasted digests are certified as hashes: choose “Certify hashes only”, or remove them.");
      return;
    }
    const started = await startUploadAction({
      title,
      generatePdfReport: pdf,
      metadata,
      files: files.map((file, i) => ({
        name: entries[i]!.name,
        size: file.size,
        type: file.type,
        lastModified: file.lastModified || undefined,
      })),
    });
    if (!started.ok) {
      setBusy(null);
      setError(started.error);
      return;
    }
    const { id } = started.data;
    let targets = started.data.targets;
    const abort = new AbortController();
    uploadAbort.current = abort;
    for (let round = 1; ; round++) {
      const sent = files.map(() => 0);
      const startedAt = Date.now();
      setNow(startedAt);
      setUpload({ sent: [...sent], startedAt, round });
      let failure: unknown = null;
      let next = 0;
      await Promise.all(
        Array.from({ length: Math.min(UPLOAD_CONCURRENCY, files.length) }, async () => {
          while (next < files.length && !failure) {
            const index = next++;
            try {
              await uploadFile(
                targets[index]!.url,
                files[index]!,
                (bytes) => {
                  sent[index] = bytes;
                  setUpload((u) => (u ? { ...u, sent: [...sent] } : u));
                },
                abort.signal,
              );
            } catch (error) {
              failure ??= error;
            }
          }
        }),
      );
      if (!failure) break;
      if (abort.signal.aborted) {
        await abandonUploadAction({ id, reason: "Cancelled by the user before certifying." });
        setBusy(null);
        setUpload(null);
        setError("Upload cancelled. Nothing was certified and no credits were spent.");
        return;
      }
      if (round >= MAX_UPLOAD_ROUNDS) {
        await abandonUploadAction({
          id,
          reason: failure instanceof Error ? failure.message : "The upload failed.",
        });
        setBusy(null);
        setUpload(null);
        setError(
          `${failure instanceof Error ? failure.message : "The upload failed"} It failed ${round} times; nothing was certified and no credits were spent. Check the network and try again.`,
        );
        return;
      }
      // An expired URL or a failed upload: register the whole batch again and send every file again.
      const again = await registerAgainAction({
        id,
        lastModified: files.map((f) => f.lastModified || null),
      });
      if (!again.ok) {
        setBusy(null);
        setUpload(null);
        setError(again.error);
        return;
      }
      targets = again.data.targets;
      if (failure instanceof UploadError && failure.expired) setError(null);
    }
    setBusy("certifying");
    const result = await certifyUploadedAction({ id });
    if (!result.ok) {
      setBusy(null);
      setUpload(null);
      setError(result.error);
      return;
    }
    router.push(`/certifications/${id}`);
  };

  const submit = () => {
    confirmDialog.current?.close();
    if (mode === "hash") void submitHashes();
    else void submitFiles();
  };

  const uploadedBytes = upload ? upload.sent.reduce((a, b) => a + b, 0) : 0;
  const disabled = !hydrated || busy !== null;

  return (
    <form
      aria-labelledby={`${formId}-title`}
      className="space-y-6"
      onSubmit={(event) => {
        event.preventDefault();
        if (ready && !short) confirmDialog.current?.showModal();
      }}
    >
      <h2 id={`${formId}-title`} className="sr-only">
        New certification
      </h2>
      <fieldset className="rounded-lg border border-slate-200 bg-white p-4" disabled={disabled}>
        <legend className="px-1 text-sm font-semibold text-slate-900">How to certify</legend>
        <div className="grid gap-3 sm:grid-cols-2">
          {(
            [
              [
                "hash",
                "Certify hashes only",
                "Files stay on this computer: your browser computes their SHA-256 and only names and hashes are sent. TrueScreen rates this lower assurance, because it never sees the files. 1 credit per file.",
              ],
              [
                "file",
                "Upload files",
                "Your browser uploads the files straight to TrueScreen (never through Certdesk), which hashes and keeps them. Higher assurance. 1 credit per file.",
              ],
            ] as const
          ).map(([value, label, help]) => (
            <label
              key={value}
              className={`flex cursor-pointer gap-3 rounded-md p-3 ring-1 ring-inset ${mode === value ? "bg-brand-50 ring-brand-600" : "ring-slate-200"}`}
            >
              <input
                type="radio"
                name="mode"
                value={value}
                checked={mode === value}
                onChange={() => chooseMode(value)}
                className="mt-0.5 accent-brand-600"
              />
              <span>
                <span className="block text-sm font-medium text-slate-900">{label}</span>
                <span className="mt-0.5 block text-xs text-slate-600">{help}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      <FileDrop
        label="Files to certify"
        onFiles={addFiles}
        disabled={disabled}
        hint={
          mode === "hash"
            ? "Hashed in your browser, in parallel; any size."
            : "Uploaded straight to TrueScreen when you certify."
        }
      />

      <details className="rounded-lg border border-slate-200 bg-white p-4">
        <summary className="cursor-pointer text-sm font-semibold text-slate-900">
          Paste SHA-256 digests (the files are not at hand)
        </summary>
        <div className="mt-3 space-y-2">
          <p id={`${formId}-digests-help`} className="text-xs text-slate-600">
            One per line, as <code>sha256sum</code> prints them (<code>&lt;sha256&gt; &lt;name&gt;</code>) or
            as <code>&lt;name&gt;,&lt;sha256&gt;</code>. Certified as hashes, like files hashed in your
            browser.
          </p>
          <textarea
            id={`${formId}-digests`}
            aria-label="SHA-256 digests"
            aria-describedby={`${formId}-digests-help`}
            className={`${inputClass} font-mono text-xs`}
            rows={4}
            value={pasted}
            disabled={disabled}
            spellCheck={false}
            onChange={(e) => setPasted(e.target.value)}
          />
          <Button variant="secondary" onClick={addPasted} disabled={disabled || !pasted.trim()}>
            Add digests
          </Button>
          {pasteErrors.length ? (
            <Alert tone="error">
              <ul data-testid="digest-errors">
                {pasteErrors.slice(0, 20).map((e) => (
                  <li key={`${e.line}-${e.message}`}>
                    Line {e.line}: {e.message}
                  </li>
                ))}
                {pasteErrors.length > 20 ? <li>and {pasteErrors.length - 20} more lines.</li> : null}
              </ul>
            </Alert>
          ) : null}
        </div>
      </details>

      {entries.length ? (
        <section aria-label="Files" className="rounded-lg border border-slate-200 bg-white">
          <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
            <p className="text-sm text-slate-700">
              {entries.length} file{entries.length === 1 ? "" : "s"} · {formatBytes(totalBytes)}
              {duplicates.size ? (
                <span className="ml-2 font-medium text-amber-800">
                  {duplicates.size} duplicate{duplicates.size === 1 ? "" : "s"} (same hash)
                </span>
              ) : null}
            </p>
            <div className="flex gap-2">
              {hashing ? (
                <Button variant="secondary" onClick={cancelHashing}>
                  Cancel hashing
                </Button>
              ) : null}
              <Button variant="ghost" onClick={() => setEntries([])} disabled={disabled || hashing}>
                Clear
              </Button>
            </div>
          </div>
          {mode === "hash" && hashStartedAt !== null && totalBytes > 0 ? (
            <div className="border-b border-slate-200 px-4 py-3">
              <ProgressBar
                label="Hashing, all files"
                value={hashedBytes}
                max={totalBytes}
                detail={rateLine(hashedBytes, totalBytes, hashStartedAt, now)}
              />
            </div>
          ) : null}
          {upload ? (
            <div className="border-b border-slate-200 px-4 py-3">
              <ProgressBar
                label="Uploading, all files"
                value={uploadedBytes}
                max={totalBytes}
                detail={`${upload.round > 1 ? `Attempt ${upload.round} (fresh upload URLs) · ` : ""}${rateLine(uploadedBytes, totalBytes, upload.startedAt, now)}`}
              />
            </div>
          ) : null}
          <ul className="max-h-[28rem] divide-y divide-slate-100 overflow-y-auto">
            {entries.map((entry, index) => (
              <li key={entry.id} className="px-4 py-2.5" data-testid="file-row">
                <div className="flex items-start justify-between gap-3">
                  <div className="min-w-0">
                    <p
                      className="truncate text-sm font-medium text-slate-900"
                      title={displayText(entry.name)}
                    >
                      <DisplayName value={entry.name} />
                    </p>
                    <p className="text-xs text-slate-500">
                      {entry.file
                        ? `${formatBytes(entry.size)}${entry.file.type ? ` · ${entry.file.type}` : ""}`
                        : "Pasted digest (the file is not at hand)"}
                    </p>
                    {entry.sha256 ? (
                      <p
                        className="mt-0.5 font-mono text-xs break-all text-slate-700"
                        data-testid="file-hash"
                      >
                        {entry.sha256}
                      </p>
                    ) : null}
                    {duplicates.has(entry.id) ? (
                      <p className="mt-0.5 text-xs font-medium text-amber-800">
                        Duplicate of <DisplayName value={duplicates.get(entry.id)} />: the same content is
                        certified twice.
                      </p>
                    ) : null}
                    {entry.error ? <p className="mt-0.5 text-xs text-red-700">{entry.error}</p> : null}
                    {earlier(entry).length ? (
                      <div
                        className="mt-1.5 rounded-md bg-amber-50 p-2 text-xs text-amber-900 ring-1 ring-amber-200"
                        data-testid="already-certified"
                      >
                        <p className="font-medium">
                          Already certified in this tenant
                          {certifyAgain.has(entry.id) ? " (it will be certified again)" : ""}:
                        </p>
                        <ul className="mt-0.5 list-disc pl-4">
                          {earlier(entry)
                            .slice(0, 3)
                            .map((before) => (
                              <li key={before.certificationId}>
                                <Link
                                  href={`/certifications/${before.certificationId}`}
                                  className="font-medium text-brand-700 underline"
                                >
                                  <DisplayName value={before.title} />
                                </Link>{" "}
                                on <Time value={before.createdAt} /> (
                                {before.status === "completed" ? "completed" : "pending"}, as{" "}
                                <DisplayName value={before.fileName} />)
                              </li>
                            ))}
                        </ul>
                        {earlier(entry).length > 3 ? (
                          <p>and {earlier(entry).length - 3} more times.</p>
                        ) : null}
                        {certifyAgain.has(entry.id) ? null : (
                          <div className="mt-1.5 flex gap-2">
                            <Button
                              variant="secondary"
                              className="!px-2 !py-1 text-xs"
                              onClick={() => remove(entry.id)}
                              disabled={disabled}
                            >
                              Skip it
                            </Button>
                            <Button
                              variant="secondary"
                              className="!px-2 !py-1 text-xs"
                              onClick={() => setCertifyAgain((again) => new Set([...again, entry.id]))}
                              disabled={disabled}
                            >
                              Certify again
                            </Button>
                          </div>
                        )}
                      </div>
                    ) : null}
                  </div>
                  <Button
                    variant="ghost"
                    className="!px-2 !py-1 text-xs"
                    onClick={() => remove(entry.id)}
                    disabled={disabled || entry.state === "hashing"}
                    aria-label={`Remove ${displayText(entry.name)}`}
                  >
                    Remove
                  </Button>
                </div>
                {mode === "hash" && entry.state === "hashing" ? (
                  <div className="mt-1.5">
                    <ProgressBar
                      label={`Hashing ${displayText(entry.name)}`}
                      value={entry.bytes}
                      max={entry.size}
                    />
                  </div>
                ) : null}
                {upload ? (
                  <div className="mt-1.5">
                    <ProgressBar
                      label={`Uploading ${displayText(entry.name)}`}
                      value={upload.sent[index] ?? 0}
                      max={entry.size}
                    />
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {undecided.length ? (
        <Alert tone="info">
          <span data-testid="already-certified-summary">
            {undecided.length} file{undecided.length === 1 ? " was" : "s were"} certified before in this
            tenant. Skip {undecided.length === 1 ? "it" : "them"} or choose to certify again: no credit is
            spent until then.
          </span>{" "}
          <Button variant="secondary" className="!px-2 !py-1 text-xs" onClick={skipAllCertified}>
            Skip all certified before
          </Button>
        </Alert>
      ) : null}
      {checkError ? <Alert tone="info">{checkError} Earlier certifications are not shown.</Alert> : null}
      {mode === "file" && pastedCount ? (
        <Alert tone="error">
          Pasted digests are certified as hashes: choose “Certify hashes only”, or remove them.
        </Alert>
      ) : null}
      {failed.length ? (
        <Alert tone="error">
          {failed.length} file{failed.length === 1 ? "" : "s"} could not be hashed. Remove{" "}
          {failed.length === 1 ? "it" : "them"} to certify the rest.
        </Alert>
      ) : null}

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" disabled={disabled}>
        <legend className="px-1 text-sm font-semibold text-slate-900">Details</legend>
        <div>
          <label htmlFor="cert-title" className="block text-sm font-medium text-slate-800">
            Title
          </label>
          <input
            id="cert-title"
            className={`mt-1.5 ${inputClass}`}
            value={title}
            maxLength={200}
            onChange={(e) => setTitle(e.target.value)}
            required
          />
          {hasBidiControls(title) ? (
            // A text box shows the reordered text; say what is really in it (it is kept as typed).
            <p className="mt-1 text-xs text-amber-800" data-testid="title-bidi-warning">
              The title contains invisible text-direction characters: <DisplayName value={title} />
            </p>
          ) : null}
        </div>
        <div>
          <p className="text-sm font-medium text-slate-800">Metadata (optional)</p>
          <p className="text-xs text-slate-500">Included in jsonData and in the PDF report.</p>
          <div className="mt-2 space-y-2">
            {metadata.map((row, i) => (
              <div key={i} className="flex gap-2">
                <input
                  aria-label={`Metadata key ${i + 1}`}
                  placeholder="Key, e.g. case_number"
                  className={inputClass}
                  value={row.key}
                  maxLength={100}
                  onChange={(e) =>
                    setMetadata((m) => m.map((r, j) => (j === i ? { ...r, key: e.target.value } : r)))
                  }
                />
                <input
                  aria-label={`Metadata value ${i + 1}`}
                  placeholder="Value"
                  className={inputClass}
                  value={row.value}
                  maxLength={2000}
                  onChange={(e) =>
                    setMetadata((m) => m.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))
                  }
                />
                <Button
                  variant="ghost"
                  aria-label={`Remove metadata row ${i + 1}`}
                  onClick={() => setMetadata((m) => m.filter((_, j) => j !== i))}
                >
                  ×
                </Button>
              </div>
            ))}
            <Button
              variant="secondary"
              onClick={() => setMetadata((m) => [...m, { key: "", value: "" }])}
              disabled={metadata.length >= 50}
            >
              Add metadata
            </Button>
          </div>
        </div>
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input
            type="checkbox"
            role="switch"
            checked={pdf}
            onChange={(e) => setPdf(e.target.checked)}
            className="size-4 accent-brand-600"
          />
          Generate a PDF report
        </label>
      </fieldset>

      <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white p-4">
        <p className="text-sm text-slate-700" data-testid="credit-summary">
          {entries.length ? (
            <>
              This certification spends <strong>{cost}</strong> credit{cost === 1 ? "" : "s"}.{" "}
            </>
          ) : null}
          {credits.isPending
            ? "Checking the credits balance…"
            : credits.isError
              ? credits.error.message
              : credits.data === null
                ? "TrueScreen accepted the key but its answer shows no balance Certdesk can read."
                : `Balance: ${credits.data.toLocaleString("en")} credits.`}
        </p>
        <Button type="submit" disabled={disabled || !ready || short || failed.length > 0}>
          {busy === "uploading"
            ? "Uploading…"
            : busy === "certifying"
              ? "Certifying…"
              : mode === "hash"
                ? "Certify hashes"
                : "Upload and certify"}
        </Button>
      </div>
      {short ? (
        <Alert tone="error">
          This certification needs {cost} credits and the TrueScreen workspace has {credits.data}. Buy credits
          in the TrueScreen portal, or certify fewer files.
        </Alert>
      ) : null}
      {busy === "uploading" ? (
        <Button variant="secondary" onClick={() => uploadAbort.current?.abort()}>
          Cancel upload
        </Button>
      ) : null}
      {error ? <Alert tone="error">{error}</Alert> : null}

      <dialog
        ref={confirmDialog}
        aria-labelledby={`${formId}-confirm`}
        className="m-auto w-full max-w-md rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
      >
        <div className="p-6">
          <h2 id={`${formId}-confirm`} className="text-base font-semibold text-slate-900">
            Spend {cost} credit{cost === 1 ? "" : "s"}?
          </h2>
          <p className="mt-2 text-sm text-slate-600">
            {mode === "hash"
              ? `TrueScreen will certify ${cost} hash${cost === 1 ? "" : "es"}; the files stay on this computer.`
              : `Your browser will upload ${cost} file${cost === 1 ? "" : "s"} (${formatBytes(totalBytes)}) to TrueScreen, which will certify them.`}{" "}
            {typeof credits.data === "number"
              ? `Balance after: ${(credits.data - cost).toLocaleString("en")} credits.`
              : ""}
          </p>
          <div className="mt-6 flex justify-end gap-2">
            <Button variant="secondary" onClick={() => confirmDialog.current?.close()} autoFocus>
              Cancel
            </Button>
            <Button onClick={submit}>
              Spend {cost} credit{cost === 1 ? "" : "s"}
            </Button>
          </div>
        </div>
      </dialog>
    </form>
  );
}
