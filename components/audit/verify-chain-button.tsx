"use client";

import { useState, useTransition } from "react";
import type { VerdictText } from "@/lib/audit/describe-chain-verdict";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";

export function VerifyChainButton({
  verify,
}: {
  verify: () => Promise<{ ok: true; data: VerdictText } | { ok: false; error: string }>;
}) {
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const [result, setResult] = useState<VerdictText | null>(null);
  return (
    <div className="space-y-3">
      <Button
        variant="secondary"
        disabled={pending || !hydrated}
        onClick={() =>
          startTransition(async () => {
            const answer = await verify();
            setResult(answer.ok ? answer.data : { tone: "error", headline: answer.error, notes: [] });
          })
        }
      >
        {pending ? "Verifying…" : "Verify chain"}
      </Button>
      {result ? (
        <Alert tone={result.tone}>
          <p>{result.headline}</p>
          {result.notes.map((note) => (
            <p key={note} className="mt-1 text-xs opacity-90">
              {note}
            </p>
          ))}
        </Alert>
      ) : null}
    </div>
  );
}
