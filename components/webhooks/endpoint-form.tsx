"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { OneTimeSecret } from "./one-time-secret";

type Result<T> = { ok: true; data: T } | { ok: false; error: string };

export interface EndpointFields {
  url: string;
  description: string;
  events: string[];
  enabled: boolean;
}

export type WebhookEventChoice = { name: string; words: string };

/** The endpoint's address, description, events and (when editing) whether it is enabled. */
export function EndpointForm({
  events,
  initial,
  create,
  update,
}: {
  events: WebhookEventChoice[];
  initial?: EndpointFields & { id: string };
  create?: (input: {
    url: string;
    description: string;
    events: string[];
  }) => Promise<Result<{ id: string; secret: string }>>;
  update?: (input: EndpointFields & { id: string }) => Promise<Result<null>>;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);
  const prefix = initial ? "edit" : "new";

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    const fields = {
      url: String(form.get("url") ?? "").trim(),
      description: String(form.get("description") ?? ""),
      events: form.getAll("events").map(String),
    };
    setPending(true);
    setError(null);
    setSaved(false);
    setCreated(null);
    if (initial && update) {
      const result = await update({ ...fields, id: initial.id, enabled: form.get("enabled") === "on" });
      setPending(false);
      if (!result.ok) return setError(result.error);
      setSaved(true);
    } else if (create) {
      const result = await create(fields);
      setPending(false);
      if (!result.ok) return setError(result.error);
      setCreated(result.data);
      element.reset();
    }
    router.refresh();
  }

  return (
    <form onSubmit={submit} method="post" className="space-y-4">
      <div>
        <label htmlFor={`${prefix}-webhook-url`} className="block text-sm font-medium text-slate-800">
          Endpoint URL
        </label>
        <input
          id={`${prefix}-webhook-url`}
          name="url"
          type="url"
          required
          maxLength={2000}
          defaultValue={initial?.url}
          placeholder="https://hooks.example.com/certdesk"
          className={`mt-1.5 ${inputClass}`}
        />
        <p className="mt-1 text-xs text-slate-500">
          An https address on the public internet. Certdesk does not follow redirects.
        </p>
      </div>
      <div>
        <label htmlFor={`${prefix}-webhook-description`} className="block text-sm font-medium text-slate-800">
          Description <span className="font-normal text-slate-500">(optional)</span>
        </label>
        <input
          id={`${prefix}-webhook-description`}
          name="description"
          maxLength={200}
          defaultValue={initial?.description}
          placeholder="Lead system"
          className={`mt-1.5 ${inputClass}`}
        />
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Events</legend>
        <div className="mt-2 space-y-2">
          {events.map((choice) => (
            <label key={choice.name} className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                name="events"
                value={choice.name}
                defaultChecked={initial ? initial.events.includes(choice.name) : true}
                className="mt-0.5"
              />
              <span>
                <span className="font-mono text-slate-900">{choice.name}</span>
                <span className="block text-slate-600">{choice.words}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {initial ? (
        <label className="flex items-center gap-2 text-sm text-slate-800">
          <input type="checkbox" name="enabled" defaultChecked={initial.enabled} />
          Enabled: events are delivered to this endpoint
        </label>
      ) : null}
      <Button type="submit" disabled={pending || !hydrated}>
        {pending ? "Saving…" : initial ? "Save endpoint" : "Add endpoint"}
      </Button>
      <div className="space-y-3">
        {error ? <Alert tone="error">{error}</Alert> : null}
        {saved ? <Alert tone="success">Endpoint saved.</Alert> : null}
        {created ? (
          <>
            <OneTimeSecret secret={created.secret} />
            <Link
              href={`/settings/webhooks/${created.id}`}
              className="inline-block text-sm text-brand-700 hover:underline"
            >
              Open the endpoint: send a test event and see its deliveries
            </Link>
          </>
        ) : null}
      </div>
    </form>
  );
}
