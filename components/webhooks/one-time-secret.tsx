"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Shows a signing secret once, with a copy button: it is stored encrypted and never shown again. */
export function OneTimeSecret({ secret, rotated = false }: { secret: string; rotated?: boolean }) {
  const [copied, setCopied] = useState(false);
  return (
    <div
      className="rounded-md border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900"
      role="status"
    >
      <p className="font-medium">
        {rotated ? "New signing secret" : "Signing secret"}: copy it into your receiver now.
      </p>
      <p className="mt-1 text-emerald-800">
        It is shown only now. Your receiver verifies each delivery with it (Standard Webhooks: the webhook-id,
        webhook-timestamp and webhook-signature headers).
        {rotated ? " Deliveries are signed with the new secret from now on." : ""}
      </p>
      <div className="mt-3 flex gap-2">
        <input
          readOnly
          value={secret}
          aria-label="Signing secret"
          data-testid="webhook-secret"
          className="min-w-0 flex-1 rounded border border-emerald-300 bg-white px-2 py-1.5 font-mono text-xs"
          onFocus={(e) => e.currentTarget.select()}
        />
        <Button
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard?.writeText(secret).catch(() => undefined);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </div>
  );
}
