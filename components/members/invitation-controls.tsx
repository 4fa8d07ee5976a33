"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { OneTimeLink } from "./one-time-link";

type Result<T> = { ok: true; data: T } | { ok: false; error: string };

/** Renew (a new link; the old one stops working) or withdraw one pending invitation. */
export function InvitationControls(props: {
  invitationId: string;
  email: string;
  role: string;
  tenantName: string;
  renew: (input: { invitationId: string }) => Promise<Result<{ inviteUrl: string }>>;
  revoke: (input: { invitationId: string }) => Promise<Result<void>>;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [link, setLink] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-3">
      <div className="flex justify-end gap-2">
        <Button
          variant="secondary"
          disabled={pending}
          aria-label={`New link for ${props.email}`}
          onClick={() =>
            startTransition(async () => {
              const result = await props.renew({ invitationId: props.invitationId });
              if (result.ok) {
                setLink(result.data.inviteUrl);
                setError(null);
              } else setError(result.error);
              router.refresh();
            })
          }
        >
          New link
        </Button>
        <ConfirmButton
          label="Withdraw"
          title={`Withdraw the invitation for ${props.email}?`}
          confirmLabel="Withdraw invitation"
          disabled={pending}
          onConfirm={() =>
            startTransition(async () => {
              const result = await props.revoke({ invitationId: props.invitationId });
              if (!result.ok) setError(result.error);
              router.refresh();
            })
          }
        >
          The link stops working at once. You can invite them again later.
        </ConfirmButton>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {link ? (
        <OneTimeLink email={props.email} url={link} tenantName={props.tenantName} role={props.role} />
      ) : null}
    </div>
  );
}
