"use client";
// The tenant's TrustedForm API version: the choice with what each means, confirmed in words before it changes.
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { useHydrated } from "@/components/ui/use-hydrated";

type Version = "3.0" | "4.0";
type Result<T> = { ok: true; data: T } | { ok: false; error: string };

const WORDS: Record<Version, string> = {
  "3.0": "3.0: claims (retains) the certificate, with consent-language scans and fingerprint matching.",
  "4.0":
    "4.0: Retain with lead matching, Insights (bot detection, time on page…) and Verify (approved language, 1:1 consent), with policy rules and a verdict per claim.",
};

export function ApiVersionSetting({
  initial,
  update,
}: {
  initial: Version;
  update: (input: { version: Version }) => Promise<Result<null>>;
}) {
  const hydrated = useHydrated();
  const [saved, setSaved] = useState<Version>(initial);
  const [message, setMessage] = useState<{ tone: "error" | "success"; text: string } | null>(null);
  const other: Version = saved === "4.0" ? "3.0" : "4.0";
  return (
    <div className="space-y-2" data-testid="api-version-setting">
      <p className="text-sm font-medium text-slate-800">TrustedForm API version</p>
      <p className="text-sm text-slate-700" data-testid="api-version-current">
        New claims use {WORDS[saved]}
      </p>
      <ConfirmButton
        variant="secondary"
        disabled={!hydrated}
        label={`Switch to API ${other}`}
        title={`Switch TrustedForm claims to API ${other}?`}
        confirmLabel={`Switch to ${other}`}
        onConfirm={async () => {
          const result = await update({ version: other });
          if (result.ok) {
            setSaved(other);
            setMessage({ tone: "success", text: `New claims now use TrustedForm API ${other}.` });
          } else setMessage({ tone: "error", text: result.error });
        }}
      >
        New claims will use {WORDS[other]} Claims already made keep the version that produced them.
        {other === "4.0" ? " Insights data points are charged per data point returned." : ""}
      </ConfirmButton>
      {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
    </div>
  );
}
