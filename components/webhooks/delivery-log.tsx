"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { useHydrated } from "@/components/ui/use-hydrated";
import { Time } from "@/components/ui/time";

type Result<T> = { ok: true; data: T } | { ok: false; error: string };

export interface DeliveryRow {
  id: string;
  eventType: string;
  status: "pending" | "sending" | "delivered" | "failed";
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  lastAttemptAt: string | null;
  createdAt: string;
  log: Array<{
    attempt: number;
    startedAt: string;
    statusCode: number | null;
    durationMs: number;
    error: string | null;
  }>;
}

/** When, in Certdesk's one date format (components/ui/time.tsx), or a dash. */
const when = (iso: string | null) => (iso ? <Time value={iso} seconds /> : "—");

const STATUS_STYLE: Record<DeliveryRow["status"], string> = {
  pending: "bg-amber-100 text-amber-900",
  sending: "bg-sky-100 text-sky-900",
  delivered: "bg-emerald-100 text-emerald-900",
  failed: "bg-red-100 text-red-900",
};

/**
 * An endpoint's deliveries: status, attempts, the last answer's status code and timing, the next retry, and what went
 * wrong in words (never the endpoint's response body). Refreshes itself while a delivery is on its way.
 */
export function DeliveryLog({
  deliveries,
  replay,
}: {
  deliveries: DeliveryRow[];
  replay: (input: { deliveryId: string }) => Promise<Result<null>>;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, setPending] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // While a delivery is being sent or due within the minute, look again every 2 seconds.
  const soon = deliveries
    .filter((d) => d.status === "sending" || d.status === "pending")
    .map((d) => (d.status === "sending" ? "" : (d.nextAttemptAt ?? "")))
    .join();

  useEffect(() => {
    if (!soon && !deliveries.some((d) => d.status === "sending")) return;
    const due = soon.split(",").some((at) => at === "" || Date.parse(at) - Date.now() < 60_000);
    if (!due) return;
    const timer = setInterval(() => router.refresh(), 2000);
    return () => clearInterval(timer);
  }, [soon, deliveries, router]);

  if (deliveries.length === 0)
    return (
      <EmptyState title="No deliveries yet">
        Deliveries appear here when a subscribed event happens, or when you send a test event.
      </EmptyState>
    );

  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div className="flex justify-end">
        <Button variant="ghost" onClick={() => router.refresh()}>
          Refresh
        </Button>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="Delivery log">
          <thead className="bg-slate-50 text-left text-xs font-medium text-slate-600 uppercase">
            <tr>
              <th scope="col" className="px-3 py-2">
                Event
              </th>
              <th scope="col" className="px-3 py-2">
                Status
              </th>
              <th scope="col" className="px-3 py-2">
                Attempts
              </th>
              <th scope="col" className="px-3 py-2">
                Last answer
              </th>
              <th scope="col" className="px-3 py-2">
                Next retry
              </th>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {deliveries.map((delivery) => (
              <tr key={delivery.id} data-testid="webhook-delivery" className="align-top">
                <td className="px-3 py-2">
                  <span className="font-mono text-slate-900">{delivery.eventType}</span>
                  <span className="block text-xs text-slate-500">{when(delivery.createdAt)}</span>
                  <details className="mt-1 text-xs text-slate-600">
                    <summary className="cursor-pointer">Attempts and id</summary>
                    <p className="mt-1 font-mono">webhook-id {delivery.id}</p>
                    <ol className="mt-1 space-y-0.5">
                      {delivery.log.map((attempt) => (
                        <li key={attempt.attempt}>
                          #{attempt.attempt} {when(attempt.startedAt)}:{" "}
                          {attempt.statusCode !== null ? `HTTP ${attempt.statusCode}` : "no answer"} in{" "}
                          {attempt.durationMs} ms{attempt.error ? `: ${attempt.error}` : ""}
                        </li>
                      ))}
                    </ol>
                  </details>
                </td>
                <td className="px-3 py-2">
                  <span
                    className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLE[delivery.status]}`}
                  >
                    {delivery.status}
                  </span>
                </td>
                <td className="px-3 py-2 tabular-nums">{delivery.attempts}</td>
                <td className="px-3 py-2">
                  {delivery.lastAttemptAt ? (
                    <>
                      <span className="tabular-nums">
                        {delivery.lastStatusCode !== null ? `HTTP ${delivery.lastStatusCode}` : "No answer"}
                        {delivery.lastDurationMs !== null ? ` · ${delivery.lastDurationMs} ms` : ""}
                      </span>
                      {delivery.lastError ? (
                        <span className="block max-w-sm text-xs text-red-700">{delivery.lastError}</span>
                      ) : null}
                    </>
                  ) : (
                    "—"
                  )}
                </td>
                <td className="px-3 py-2 text-xs">
                  {delivery.status === "pending" ? when(delivery.nextAttemptAt) : "—"}
                </td>
                <td className="px-3 py-2 text-right">
                  {delivery.status === "delivered" || delivery.status === "failed" ? (
                    <Button
                      variant="secondary"
                      disabled={!hydrated || pending !== null}
                      aria-label={`Replay ${delivery.eventType} delivery ${delivery.id}`}
                      onClick={async () => {
                        setPending(delivery.id);
                        setError(null);
                        const result = await replay({ deliveryId: delivery.id });
                        setPending(null);
                        if (!result.ok) setError(result.error);
                        router.refresh();
                      }}
                    >
                      {pending === delivery.id ? "Replaying…" : "Replay"}
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
