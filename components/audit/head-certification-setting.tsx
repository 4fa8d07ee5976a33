"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { useHydrated } from "@/components/ui/use-hydrated";

/** Switches the daily TrueScreen certification of the audit log head on (after showing its cost) or off. */
export function HeadCertificationSetting({
  enabled,
  creditsPerDay,
  setEnabled,
}: {
  enabled: boolean;
  creditsPerDay: number;
  setEnabled: (input: {
    enabled: boolean;
  }) => Promise<{ ok: true; data: null } | { ok: false; error: string }>;
}) {
  const hydrated = useHydrated();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const change = async (value: boolean) => {
    setBusy(true);
    setError(null);
    const result = await setEnabled({ enabled: value });
    setBusy(false);
    if (result.ok) router.refresh();
    else setError(result.error);
  };
  const credits = `${creditsPerDay} credit${creditsPerDay === 1 ? "" : "s"}`;
  return (
    <div className="space-y-2">
      {enabled ? (
        <Button variant="secondary" disabled={!hydrated || busy} onClick={() => void change(false)}>
          {busy ? "Switching off…" : "Switch off daily certification"}
        </Button>
      ) : (
        <ConfirmButton
          label={busy ? "Switching on…" : "Certify the head daily"}
          title={`Spend ${credits} a day on certifying the audit log?`}
          confirmLabel={`Spend ${credits} a day`}
          variant="primary"
          disabled={!hydrated || busy}
          onConfirm={() => void change(true)}
        >
          <p>
            Once a day, the worker certifies the newest anchor of this tenant&apos;s audit log with
            TrueScreen, with this tenant&apos;s TrueScreen key: {credits} a day whenever something was logged
            since the last one.
          </p>
          <p className="mt-2">
            It is a hash certification: TrueScreen timestamps the anchor&apos;s SHA-256 without seeing the
            anchor. That is lower assurance than a file certification, but enough to prove which entry was the
            newest that day.
          </p>
        </ConfirmButton>
      )}
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
