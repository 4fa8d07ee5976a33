"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

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
  const [copied, setCopied] = useState(false);
  return (
    <div
      className="rounded-md border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900"
      role="status"
    >
      <p className="font-medium">
        Invitation ready. Send this link to {email}: it lets them join {tenantName} as {role}.
      </p>
      <p className="mt-1 text-emerald-800">
        It is shown only now and works once. They join when they open it and either set their password or sign
        in with the account they already have. You can renew or withdraw it under Pending invitations.
      </p>
      <div className="mt-3 flex gap-2">
        <input
          readOnly
          value={url}
          aria-label="Invitation link"
          data-testid="invitation-link"
          className="min-w-0 flex-1 rounded border border-emerald-300 bg-white px-2 py-1.5 font-mono text-xs"
          onFocus={(e) => e.currentTarget.select()}
        />
        <Button
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(url).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </div>
  );
}
