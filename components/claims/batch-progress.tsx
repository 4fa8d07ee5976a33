"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

interface Progress {
  status: "running" | "completed";
  acceptedRows: number;
  done: number;
  counts: {
    queued: number;
    sending: number;
    success: number;
    failure: number;
    failed: number;
    unknown: number;
  };
  verdicts: { pass: number; fail: number };
}

/** Polls the batch while it runs; the state lives on the server, so a reload picks up where it is. */
export function BatchProgress({ batchId, initial }: { batchId: string; initial: Progress }) {
  const { data, isError } = useQuery({
    queryKey: ["batch", batchId],
    initialData: initial,
    queryFn: async () => {
      const response = await fetch(`/claims/batches/${batchId}/progress`, { cache: "no-store" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      return (await response.json()) as Progress;
    },
    refetchInterval: (query) => (query.state.data?.status === "completed" ? false : 1000),
  });
  const percent = data.acceptedRows ? Math.round((data.done / data.acceptedRows) * 100) : 100;
  const items: Array<[string, number, string]> = [
    ["Success", data.counts.success, "text-emerald-700"],
    // 4.0 answers "failure" for Verify and lead matching too; 3.0 for scans only.
    ["Failure", data.counts.failure, "text-red-700"],
    ["Not claimed", data.counts.failed, "text-slate-700"],
    ["Answer lost", data.counts.unknown, "text-amber-700"],
    ["Waiting", data.counts.queued + data.counts.sending, "text-slate-500"],
  ];
  // The policy's verdicts on 4.0 claims, when it has rules: a recommendation, the reviewer decides.
  const verdicts: Array<[string, number, string]> =
    data.verdicts.pass + data.verdicts.fail
      ? [
          ["Verdict: pass", data.verdicts.pass, "text-emerald-700"],
          ["Verdict: fail", data.verdicts.fail, "text-red-700"],
        ]
      : [];
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5" aria-label="Progress">
      <div className="flex items-center justify-between text-sm">
        <span data-testid="batch-status">{data.status === "completed" ? "Complete" : "Claiming…"}</span>
        <span data-testid="batch-done">
          {data.done} of {data.acceptedRows} settled
        </span>
      </div>
      <div
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label="Claims settled"
        className="mt-2 h-2.5 overflow-hidden rounded-full bg-slate-100"
      >
        <div className="h-full bg-brand-600 transition-all" style={{ width: `${percent}%` }} />
      </div>
      <dl className="mt-4 grid grid-cols-2 gap-3 text-sm sm:grid-cols-5" data-testid="batch-counts">
        {items.map(([label, value, tone]) => (
          <div key={label}>
            <dt className="text-xs text-slate-500">{label}</dt>
            <dd className={`text-lg font-semibold ${tone}`}>{value}</dd>
          </div>
        ))}
      </dl>
      {verdicts.length ? (
        <dl className="mt-3 grid grid-cols-2 gap-3 text-sm sm:grid-cols-5" data-testid="batch-verdicts">
          {verdicts.map(([label, value, tone]) => (
            <div key={label}>
              <dt className="text-xs text-slate-500">{label}</dt>
              <dd className={`text-lg font-semibold ${tone}`}>{value}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {isError ? (
        <p className="mt-3 text-sm text-amber-700">Progress could not be refreshed; retrying.</p>
      ) : null}
      <div className="mt-4 flex gap-2">
        <a className={buttonClass("secondary")} href={`/claims/batches/${batchId}/results`}>
          Download results (CSV)
        </a>
        <Link className={buttonClass("secondary")} href={`/claims?batch=${batchId}`}>
          Review these claims
        </Link>
      </div>
    </section>
  );
}
