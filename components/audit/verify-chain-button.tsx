"use client";

import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";

type Verdict =
  | { intact: true; entries: number }
  | { intact: false; entries: number; firstBroken: { id: string; seq: number; reason: string } };

export function VerifyChainButton({
  verify,
}: {
  verify: () => Promise<{ ok: true; data: Verdict } | { ok: false; error: string }>;
}) {
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const [result, setResult] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  return (
    <div className="space-y-3">
      <Button
        variant="secondary"
        disabled={pending || !hydrated}
        onClick={() =>
          startTransition(async () => {
            const answer = await verify();
            if (!answer.ok) return setResult({ tone: "error", text: answer.error });
            const verdict = answer.data;
            setResult(
              verdict.intact
                ? { tone: "success", text: `The chain is intact: all ${verdict.entries} entries verified.` }
                : {
                    tone: "error",
                    text: `The chain is broken at entry #${verdict.firstBroken.seq}: ${verdict.firstBroken.reason}. The ${verdict.entries} entries before it are intact.`,
                  },
            );
          })
        }
      >
        {pending ? "Verifying…" : "Verify chain"}
      </Button>
      {result ? <Alert tone={result.tone}>{result.text}</Alert> : null}
    </div>
  );
}
