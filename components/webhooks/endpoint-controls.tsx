"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { ConfirmButton } from "@/components/ui/confirm-button";
import { useHydrated } from "@/components/ui/use-hydrated";
import { OneTimeSecret } from "./one-time-secret";

type Result<T> = { ok: true; data: T } | { ok: false; error: string };

/** Send a test event, rotate the signing secret, remove the endpoint. */
export function EndpointControls({
  id,
  secretLast4,
  sendTest,
  rotate,
  remove,
}: {
  id: string;
  secretLast4: string;
  sendTest: (input: { id: string }) => Promise<Result<{ deliveryId: string }>>;
  rotate: (input: { id: string }) => Promise<Result<{ secret: string }>>;
  remove: (input: { id: string }) => Promise<Result<null>>;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);

  async function run<T>(work: () => Promise<Result<T>>, done: (data: T) => void) {
    setPending(true);
    setError(null);
    setNotice(null);
    const result = await work();
    setPending(false);
    if (!result.ok) return setError(result.error);
    done(result.data);
    router.refresh();
  }

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600">
        Signing secret: <span className="font-mono">whsec_…{secretLast4}</span>
      </p>
      <div className="flex flex-wrap gap-2">
        <Button
          disabled={pending || !hydrated}
          onClick={() =>
            run(
              () => sendTest({ id }),
              () =>
                setNotice("Test event queued: it appears in the delivery log below within a few seconds."),
            )
          }
        >
          Send test event
        </Button>
        <ConfirmButton
          label="Rotate secret"
          title="Rotate the signing secret?"
          confirmLabel="Rotate secret"
          variant="primary"
          disabled={pending || !hydrated}
          onConfirm={() =>
            run(
              () => rotate({ id }),
              (data) => setSecret(data.secret),
            )
          }
        >
          Deliveries are signed with the new secret from now on, retries included: your receiver stops
          accepting them until you paste the new secret there.
        </ConfirmButton>
        <ConfirmButton
          label="Remove endpoint"
          title="Remove this endpoint?"
          confirmLabel="Remove endpoint"
          disabled={pending || !hydrated}
          onConfirm={() =>
            run(
              () => remove({ id }),
              () => router.push("/settings/webhooks"),
            )
          }
        >
          It stops receiving events, and its delivery log is removed with it.
        </ConfirmButton>
      </div>
      {error ? <Alert tone="error">{error}</Alert> : null}
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {secret ? <OneTimeSecret secret={secret} rotated /> : null}
    </div>
  );
}
