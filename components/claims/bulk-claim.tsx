"use client";

import Papa from "papaparse";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
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

  function load(selected: File) {
    setError(null);
    setChecked(null);
    Papa.parse<Record<string, string>>(selected, {
      header: true,
      skipEmptyLines: "greedy",
      complete: (result) => {
        const headers = result.meta.fields ?? [];
        if (headers.length === 0 || result.data.length === 0)
          return setError(
            "The file has no header row or no data rows. The first line must name the columns.",
          );
        setFile({ name: selected.name, headers, records: result.data });
        const guessed: Partial<Record<Field, string>> = {};
        for (const { field, guesses } of FIELDS) {
          const header = headers.find((h) => guesses.test(h) && !Object.values(guessed).includes(h));
          if (header) guessed[field] = header;
        }
        setMapping(guessed);
      },
      error: (problem) => setError(`The file could not be read as CSV: ${problem.message}`),
    });
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
          onChange={(e) => e.target.files?.[0] && load(e.target.files[0])}
          className="mt-1.5 block text-sm"
        />
        {file ? (
          <p className="mt-2 text-sm text-slate-600">
            {file.name}: {file.records.length} data rows, columns {file.headers.join(", ")}.
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
                      {header}
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
                onChange={(e) => setPolicyId(e.target.value)}
                className={`mt-1 ${inputClass}`}
              >
                <option value="">None</option>
                {props.policies.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                    {p.isDefault ? " (default)" : ""}
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
                const result = await props.check({ rows: rows() });
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
                      const result = await props.create({
                        fileName: file?.name ?? "upload.csv",
                        rows: rows(),
                        policyId: policyId || undefined,
                      });
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
