"use client";

import { ShownOnce } from "@/components/ui/shown-once";

/** Shows a signing secret once, with a copy button: it is stored encrypted and never shown again. */
export function OneTimeSecret({ secret, rotated = false }: { secret: string; rotated?: boolean }) {
  return (
    <ShownOnce
      title={`${rotated ? "New signing secret" : "Signing secret"}: copy it into your receiver now.`}
      note={
        "It is shown only now. Your receiver verifies each delivery with it (Standard Webhooks: the webhook-id, " +
        "webhook-timestamp and webhook-signature headers)." +
        (rotated ? " Deliveries are signed with the new secret from now on." : "")
      }
      value={secret}
      label="Signing secret"
      testId="webhook-secret"
    />
  );
}
