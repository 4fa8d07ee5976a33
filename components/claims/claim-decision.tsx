"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import { useHydrated } from "@/components/ui/use-hydrated";

type Result = { ok: true; data: unknown } | { ok: false; error: string };

export function ClaimDecision({
  claimId,
  decide,
  failsPolicy = false,
}: {
  claimId: string;
  decide: (input: { claimId: string; decision: string; reason?: string }) => Promise<Result>;
  /** The claim fails its policy's rules: accepting it needs a reason too. */
  failsPolicy?: boolean;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const send = (decision: "accepted" | "rejected") =>
    startTransition(async () => {
      setError(null);
      const result = await decide({ claimId, decision, reason: reason || undefined });
      if (!result.ok) return setError(result.error);
      router.refresh();
    });
  return (
    <div className="space-y-3">
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div>
        <label htmlFor="decision-reason" className="block text-sm font-medium text-slate-800">
          {failsPolicy
            ? "Reason (required to reject, and to accept a claim that fails its policy)"
            : "Reason (required to reject)"}
        </label>
        <input
          id="decision-reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          disabled={!hydrated}
          className={`mt-1.5 ${inputClass}`}
        />
      </div>
      <div className="flex gap-2">
        <Button disabled={pending || !hydrated} onClick={() => send("accepted")}>
          Accept
        </Button>
        <Button variant="danger" disabled={pending || !hydrated} onClick={() => send("rejected")}>
          Reject
        </Button>
      </div>
    </div>
  );
}

export function RecheckButton({
  claimId,
  recheck,
}: {
  claimId: string;
  recheck: (input: { claimId: string }) => Promise<{ ok: true; data: string } | { ok: false; error: string }>;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [message, setMessage] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div className="space-y-2">
      <Button
        variant="secondary"
        disabled={pending || !hydrated}
        onClick={() =>
          startTransition(async () => {
            const result = await recheck({ claimId });
            if (!result.ok) return setMessage(result.error);
            setMessage(
              result.data === "claimed"
                ? "TrustedForm shows the claim: it is recorded now."
                : "TrustedForm still shows no claim. Check again in a minute before claiming anew.",
            );
            router.refresh();
          })
        }
      >
        Check again
      </Button>
      {message ? (
        <p className="text-sm text-slate-700" role="status">
          {message}
        </p>
      ) : null}
    </div>
  );
}

/** A 4.0 claim whose answer was lost: the reviewer records what TrustedForm's portal shows (nothing is resent). */
export function ResolveUnknownClaim({
  claimId,
  resolve,
}: {
  claimId: string;
  resolve: (input: { claimId: string; found: string; note: string }) => Promise<Result>;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [note, setNote] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const send = (found: "claimed" | "not_claimed") =>
    startTransition(async () => {
      setError(null);
      const result = await resolve({ claimId, found, note });
      if (!result.ok) return setError(result.error);
      router.refresh();
    });
  return (
    <div
      className="space-y-3 rounded-lg border border-amber-200 bg-amber-50 p-4"
      data-testid="resolve-unknown"
    >
      <p className="text-sm text-amber-900">
        Look the certificate up in TrustedForm&apos;s portal, then record what it shows. Certdesk does not ask
        or send again by itself.
      </p>
      {error ? <Alert tone="error">{error}</Alert> : null}
      <div>
        <label htmlFor="resolve-note" className="block text-sm font-medium text-slate-800">
          What you checked
        </label>
        <input
          id="resolve-note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
          disabled={!hydrated}
          className={`mt-1.5 ${inputClass}`}
        />
      </div>
      <div className="flex gap-2">
        <Button disabled={pending || !hydrated} onClick={() => send("claimed")}>
          TrustedForm shows it retained
        </Button>
        <Button variant="secondary" disabled={pending || !hydrated} onClick={() => send("not_claimed")}>
          It was not retained
        </Button>
      </div>
    </div>
  );
}
