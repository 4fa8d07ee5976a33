"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { useHydrated } from "@/components/ui/use-hydrated";

/** Certifies a failed (or lost) hash certification's hashes again, as a new certification, after a confirmation. */
export function CertifyAgain({
  id,
  files,
  certifyAgain,
}: {
  id: string;
  files: number;
  certifyAgain: (input: {
    id: string;
  }) => Promise<{ ok: true; data: { id: string } } | { ok: false; error: string }>;
}) {
  const hydrated = useHydrated();
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-2">
      <ConfirmButton
        label={busy ? "Certifying…" : "Certify these hashes again"}
        title={`Spend ${files} credit${files === 1 ? "" : "s"} again?`}
        confirmLabel={`Spend ${files} credit${files === 1 ? "" : "s"}`}
        variant="primary"
        disabled={!hydrated || busy}
        onConfirm={async () => {
          setBusy(true);
          setError(null);
          const result = await certifyAgain({ id });
          if (result.ok) router.push(`/certifications/${result.data.id}`);
          else {
            setBusy(false);
            setError(result.error);
          }
        }}
      >
        A new certification is created with the same title, hashes and metadata. If the first one was in fact
        created at TrueScreen, this spends the credits a second time.
      </ConfirmButton>
      {error ? <Alert tone="error">{error}</Alert> : null}
    </div>
  );
}
