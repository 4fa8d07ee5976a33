"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Shows a set-password link once, with a copy button; it is not stored anywhere it could be shown again. */
export function OneTimeLink({ email, url }: { email: string; url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div
      className="rounded-md border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900"
      role="status"
    >
      <p className="font-medium">Send this one-time link to {email} so they can set a password.</p>
      <p className="mt-1 text-emerald-800">
        It is shown only now and works once. You can issue a new one from the member&apos;s page.
      </p>
      <div className="mt-3 flex gap-2">
        <input
          readOnly
          value={url}
          aria-label="Set-password link"
          data-testid="set-password-link"
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
