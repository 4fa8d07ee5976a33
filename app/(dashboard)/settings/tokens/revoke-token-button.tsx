"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmButton } from "@/components/ui/confirm-button";

export function RevokeTokenButton({
  tokenId,
  name,
  revokeToken,
}: {
  tokenId: string;
  name: string;
  revokeToken: (input: {
    tokenId: string;
  }) => Promise<{ ok: true; data: unknown } | { ok: false; error: string }>;
}) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <ConfirmButton
        label="Revoke"
        title={`Revoke “${name}”?`}
        confirmLabel="Revoke token"
        onConfirm={async () => {
          const result = await revokeToken({ tokenId });
          if (!result.ok) setError(result.error);
          router.refresh();
        }}
      >
        Every request with this token will be refused from now on. This cannot be undone.
      </ConfirmButton>
      {error ? <span className="ml-2 text-xs text-red-700">{error}</span> : null}
    </>
  );
}
