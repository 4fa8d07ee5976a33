"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import { useHydrated } from "@/components/ui/use-hydrated";

type Result = { ok: true; data: unknown } | { ok: false; error: string };

/** A key pressed while typing (an input, a select, a text area, an editable element) is not a shortcut. */
function typing(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (event.ctrlKey || event.metaKey || event.altKey) return true;
  if (!target) return false;
  return (
    target.isContentEditable ||
    ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName) ||
    target.closest("[contenteditable=true]") !== null
  );
}

/** j / k: the next / previous claim to review (find-review-neighbours.ts); "Next unreviewed" as a link. */
export function ReviewNavigation({ next, previous }: { next: string | null; previous: string | null }) {
  const router = useRouter();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typing(event)) return;
      if (event.key === "j" && next) router.push(`/claims/${next}`);
      if (event.key === "k" && previous) router.push(`/claims/${previous}`);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [next, previous, router]);
  return (
    <nav aria-label="Review queue" className="mb-4 flex flex-wrap items-center gap-3 text-sm">
      {previous ? (
        <a href={`/claims/${previous}`} className="text-brand-700 hover:underline">
          ← Previous unreviewed
        </a>
      ) : null}
      {next ? (
        <a href={`/claims/${next}`} className="text-brand-700 hover:underline" data-testid="next-unreviewed">
          Next unreviewed →
        </a>
      ) : (
        <span className="text-slate-600">No other claim to review.</span>
      )}
      <span className="text-xs text-slate-500">
        Keys: <kbd>a</kbd> accept, <kbd>r</kbd> reject (type the reason, then Enter), <kbd>j</kbd>/
        <kbd>k</kbd> next/previous
      </span>
    </nav>
  );
}

export function ClaimDecision({
  claimId,
  decide,
  failsPolicy = false,
  nextHref = null,
}: {
  claimId: string;
  /** Where `a` (and a decision by key) goes once the decision is saved: the next claim to review. */
  nextHref?: string | null;
  decide: (input: { claimId: string; decision: string; reason?: string }) => Promise<Result>;
  /** The claim fails its policy's rules: accepting it needs a reason too. */
  failsPolicy?: boolean;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const reasonField = useRef<HTMLInputElement>(null);
  const send = (decision: "accepted" | "rejected", byKey = false) =>
    startTransition(async () => {
      setError(null);
      const result = await decide({ claimId, decision, reason: reason || undefined });
      if (!result.ok) return setError(result.error);
      if (byKey && nextHref) router.push(nextHref);
      else router.refresh();
    });
  const sendByKey = useRef(send);
  useEffect(() => {
    sendByKey.current = send;
  });
  useEffect(() => {
    if (!hydrated) return;
    const onKey = (event: KeyboardEvent) => {
      if (typing(event)) return;
      if (event.key === "a") {
        event.preventDefault();
        sendByKey.current("accepted", true);
      }
      if (event.key === "r") {
        // The reason first: Enter in it rejects.
        event.preventDefault();
        reasonField.current?.focus();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [hydrated]);
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
          ref={reasonField}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !pending) {
              e.preventDefault();
              send("rejected", true);
            }
          }}
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
