"use client";

import Papa from "papaparse";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import {
  BATCH_LIMITS_IN_WORDS,
  formatMegabytes,
  MAX_BATCH_FILE_BYTES,
  MAX_BATCH_PAYLOAD_BYTES,
  MAX_BATCH_ROWS,
} from "@/lib/claims/batch-limits";
import { decodeUtf8 } from "@/lib/text/decode-utf8";
import { displayText } from "@/lib/text/display-name";
import { Alert } from "@/components/ui/alert";
import { DisplayName } from "@/components/ui/display-name";
import { RefusedRowsTable } from "./refused-rows-table";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import { useHydrated } from "@/components/ui/use-hydrated";

type Result<T> = { ok: true; data: T } | { ok: false; error: string };
type Field = "certUrl" | "email" | "phone" | "reference" | "vendor";
type Row = Partial<Record<Field, string>>;

const FIELDS: Array<{ field: Field; label: string; guesses: RegExp }> = [
  { field: "certUrl", label: "Certificate URL", guesses: /cert|trusted|url/i },
  { field: "email", label: "Email", guesses: /mail/i },
  { field: "phone", label: "Phone", guesses: /phone|tel|mobile/i },
  { field: "reference", label: "Reference", guesses: /ref|lead.?id|^id$/i },
  { field: "vendor", label: "Vendor", guesses: /vendor|publisher|source/i },
];

export function BulkClaim(props: {
  policies: Array<{ id: string; name: string; isDefault: boolean }>;
  check: (input: {
    rows: Row[];
    policyId?: string;
  }) => Promise<
    Result<{ accepted: number; refused: Array<{ row: number; certUrl: string; reason: string }> }>
  >;
  create: (input: {
    fileName: string;
    rows: Row[];
    policyId?: string;
  }) => Promise<Result<{ batchId: string }>>;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [file, setFile] = useState<{
    name: string;
    headers: string[];
    records: Array<Record<string, string>>;
  } | null>(null);
  const [mapping, setMapping] = useState<Partial<Record<Field, string>>>({});
  const [policyId, setPolicyId] = useState(props.policies.find((p) => p.isDefault)?.id ?? "");
  const [checked, setChecked] = useState<{
    accepted: number;
    refused: Array<{ row: number; certUrl: string; reason: string }>;
  } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const confirm = useRef<HTMLDialogElement>(null);

  const rows = (): Row[] =>
    (file?.records ?? []).map(
      (record) =>
        Object.fromEntries(
          FIELDS.map(({ field }) => [field, mapping[field] ? (record[mapping[field]!] ?? "") : ""]),
        ) as Row,
    );

  /** Every refusal of a whole file happens here, in the browser, before anything is sent. */
  async function load(selected: File) {
    setError(null);
    setChecked(null);
    setFile(null);
    const name = displayText(selected.name);
    if (selected.size > MAX_BATCH_FILE_BYTES)
      return setError(
        `${name} is ${formatMegabytes(selected.size)}; a bulk claim file can be at most ` +
          `${formatMegabytes(MAX_BATCH_FILE_BYTES)} and ${MAX_BATCH_ROWS.toLocaleString("en")} rows. ` +
          `Split it into smaller files. Nothing was sent.`,
      );
    const decoded = decodeUtf8(new Uint8Array(await selected.arrayBuffer()));
    if (!decoded.ok) return setError(`${name}: ${decoded.problem} Nothing was sent.`);
    const result = Papa.parse<Record<string, string>>(decoded.text, {
      header: true,
      skipEmptyLines: "greedy",
    });
    const headers = result.meta.fields ?? [];
    if (headers.length === 0 || result.data.length === 0)
      return setError("The file has no header row or no data rows. The first line must name the columns.");
    if (result.data.length > MAX_BATCH_ROWS)
      return setError(
        `${name} has ${result.data.length.toLocaleString("en")} data rows; a batch holds at most ` +
          `${MAX_BATCH_ROWS.toLocaleString("en")}. Split it into smaller files. Nothing was sent.`,
      );
    setFile({ name: selected.name, headers, records: result.data });
    const guessed: Partial<Record<Field, string>> = {};
    for (const { field, guesses } of FIELDS) {
      const header = headers.find((h) => guesses.test(h) && !Object.values(guessed).includes(h));
      if (header) guessed[field] = header;
    }
    setMapping(guessed);
  }

  /**
   * Sends the rows to an action, unless they would be over the action's body limit (Next.js would refuse them
   * with an error the page cannot read). A failure to reach the server is said in words too.
   */
  async function send<T>(payload: object, action: () => Promise<Result<T>>): Promise<Result<T>> {
    const bytes = new Blob([JSON.stringify(payload)]).size;
    if (bytes > MAX_BATCH_PAYLOAD_BYTES)
      return {
        ok: false,
        error:
          `The mapped columns of this file come to ${formatMegabytes(bytes)}, over the ` +
          `${formatMegabytes(MAX_BATCH_PAYLOAD_BYTES)} one request can carry. Split the file, or map fewer ` +
          `columns. Nothing was sent.`,
      };
    try {
      return await action();
    } catch {
      return {
        ok: false,
        error: "The server could not be reached or refused the request. Nothing was claimed; try again.",
      };
    }
  }

  return (
    <div className="space-y-5">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <section className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 className="text-base font-semibold">1. The file</h2>
        <label htmlFor="bulk-file" className="mt-3 block text-sm font-medium text-slate-800">
          CSV file with a header row
        </label>
        <input
          id="bulk-file"
          type="file"
          accept=".csv,text/csv"
          disabled={!hydrated}
          onChange={(e) => {
            if (e.target.files?.[0]) void load(e.target.files[0]);
          }}
          aria-describedby="bulk-file-limits"
          className="mt-1.5 block text-sm"
        />
        <p id="bulk-file-limits" className="mt-1.5 text-xs text-slate-500" data-testid="bulk-limits">
          {BATCH_LIMITS_IN_WORDS} A row with a cell that is too long is refused on its own, with its row
          number.
        </p>
        {file ? (
          <p className="mt-2 text-sm text-slate-600">
            <DisplayName value={file.name} />: {file.records.length} data rows, columns{" "}
            <DisplayName value={file.headers.join(", ")} />.
          </p>
        ) : null}
      </section>

      {file ? (
        <section className="rounded-lg border border-slate-200 bg-white p-5">
          <h2 className="text-base font-semibold">2. Which column is which</h2>
          <div className="mt-3 grid gap-3 sm:grid-cols-3 lg:grid-cols-6">
            {FIELDS.map(({ field, label }) => (
              <div key={field}>
                <label htmlFor={`map-${field}`} className="block text-xs font-medium text-slate-700">
                  {label}
                </label>
                <select
                  id={`map-${field}`}
                  value={mapping[field] ?? ""}
                  onChange={(e) => {
                    setMapping({ ...mapping, [field]: e.target.value || undefined });
                    setChecked(null);
                  }}
                  className={`mt-1 ${inputClass}`}
                >
                  <option value="">(none)</option>
                  {file.headers.map((header) => (
                    <option key={header} value={header}>
                      {displayText(header)}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <div>
              <label htmlFor="bulk-policy" className="block text-xs font-medium text-slate-700">
                Scan policy
              </label>
              <select
                id="bulk-policy"
                value={policyId}
                onChange={(e) => {
                  // On TrustedForm 4.0 the policy decides what a row asks for, so the check is redone.
                  setPolicyId(e.target.value);
                  setChecked(null);
                }}
                className={`mt-1 ${inputClass}`}
              >
                <option value="">None</option>
                {props.policies.map((p) => (
                  <option key={p.id} value={p.id}>
                    {`${displayText(p.name)}${p.isDefault ? " (default)" : ""}`}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <Button
            className="mt-4"
            disabled={pending || !mapping.certUrl}
            onClick={() =>
              startTransition(async () => {
                setError(null);
                const input = { rows: rows(), policyId: policyId || undefined };
                const result = await send(input, () => props.check(input));
                if (!result.ok) return setError(result.error);
                setChecked(result.data);
              })
            }
          >
            Check the rows
          </Button>
          {!mapping.certUrl ? (
            <p className="mt-2 text-xs text-slate-500">Choose the certificate URL column first.</p>
          ) : null}
        </section>
      ) : null}

      {checked ? (
        <section className="rounded-lg border border-slate-200 bg-white p-5" data-testid="bulk-summary">
          <h2 className="text-base font-semibold">3. What will happen</h2>
          <p className="mt-2 text-sm">
            <strong>{checked.accepted}</strong> certificates will be claimed, and billed by TrustedForm.{" "}
            <strong>{checked.refused.length}</strong> rows are refused and will not be sent.
          </p>
          {checked.refused.length ? <RefusedRowsTable rows={checked.refused} testId="refused-rows" /> : null}
          {checked.accepted > 0 ? (
            <Button className="mt-4" disabled={pending} onClick={() => confirm.current?.showModal()}>
              Claim {checked.accepted} certificates
            </Button>
          ) : null}
          <dialog
            ref={confirm}
            aria-label="Confirm the bulk claim"
            className="m-auto w-full max-w-md rounded-xl p-0 shadow-xl backdrop:bg-slate-900/40"
          >
            <div className="p-6">
              <h3 className="text-base font-semibold">Claim {checked.accepted} certificates?</h3>
              <p className="mt-2 text-sm text-slate-600">
                TrustedForm bills each claim. The {checked.refused.length} refused rows are not sent. You can
                follow the progress and leave the page; the work goes on.
              </p>
              <div className="mt-6 flex justify-end gap-2">
                <Button variant="secondary" onClick={() => confirm.current?.close()} autoFocus>
                  Cancel
                </Button>
                <Button
                  onClick={() => {
                    confirm.current?.close();
                    startTransition(async () => {
                      const input = {
                        fileName: (file?.name ?? "upload.csv").slice(0, 200),
                        rows: rows(),
                        policyId: policyId || undefined,
                      };
                      const result = await send(input, () => props.create(input));
                      if (!result.ok) return setError(result.error);
                      router.push(`/claims/batches/${result.data.batchId}`);
                    });
                  }}
                >
                  Claim {checked.accepted}
                </Button>
              </div>
            </div>
          </dialog>
        </section>
      ) : null}
    </div>
  );
}
