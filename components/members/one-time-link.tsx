"use client";

import { DisplayName } from "@/components/ui/display-name";
import { ShownOnce } from "@/components/ui/shown-once";

/**
 * Shows an invitation link once, with a copy button; only its hash is stored, so it cannot be shown again. The words
 * are the same whether or not the address already has a Certdesk account: the link decides that when it is opened.
 */
export function OneTimeLink({
  email,
  url,
  tenantName,
  role,
}: {
  email: string;
  url: string;
  tenantName: string;
  role: string;
}) {
  return (
    <ShownOnce
      title={
        <>
          Invitation ready. Send this link to <DisplayName value={email} />: it lets them join{" "}
          <DisplayName value={tenantName} /> as {role}.
        </>
      }
      note="It is shown only now and works once. They join when they open it and either set their password or sign in with the account they already have. You can renew or withdraw it under Pending invitations."
      value={url}
      label="Invitation link"
      testId="invitation-link"
    />
  );
}
