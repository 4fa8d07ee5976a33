"use client";

// Admins: the tenant's TrueScreen credits threshold (empty: no credits notices).
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { ActionResult } from "@/lib/core/action-result";

export function CreditsThresholdForm({
  threshold,
  save,
}: {
  threshold: number | null;
  save: (input: unknown) => Promise<ActionResult<number | null>>;
}) {
  const [value, setValue] = useState(threshold === null ? "" : String(threshold));
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <form
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        startTransition(async () => {
          const result = await save({ threshold: value.trim() });
          setMessage(
            result.ok
              ? {
                  tone: "success",
                  text:
                    result.data === null
                      ? "Credits notices are off."
                      : `Admins are told when credits fall below ${result.data}.`,
                }
              : { tone: "error", text: result.error },
          );
        });
      }}
    >
      <div>
        <label htmlFor="credits-threshold" className="block text-sm font-medium text-slate-900">
          Credits threshold
        </label>
        <p id="credits-threshold-help" className="text-sm text-slate-600">
          Leave empty for no credits notices.
        </p>
        <input
          id="credits-threshold"
          inputMode="numeric"
          aria-describedby="credits-threshold-help"
          value={value}
          onChange={(event) => setValue(event.target.value)}
          className="mt-1 w-40 rounded-md border border-slate-300 px-3 py-1.5 text-sm"
        />
      </div>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
      <Button type="submit" variant="secondary" disabled={pending}>
        Save threshold
      </Button>
    </form>
  );
}
