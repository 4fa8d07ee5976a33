"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { DisplayName } from "@/components/ui/display-name";
import { inputClass } from "@/components/ui/form-field";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { CreateTenantResult } from "./actions";
import { ShownOnce } from "@/components/ui/shown-once";

type Created = Extract<CreateTenantResult, { ok: true }>["data"];

export function CreateTenantForm({
  createTenant,
}: {
  createTenant: (input: { name: string; ownerEmail: string }) => Promise<CreateTenantResult>;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [created, setCreated] = useState<Created | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    setPending(true);
    setError(null);
    setCreated(null);
    const result = await createTenant({
      name: String(form.get("name") ?? ""),
      ownerEmail: String(form.get("ownerEmail") ?? ""),
    });
    setPending(false);
    if (!result.ok) return setError(result.error);
    setCreated(result.data);
    element.reset();
    router.refresh();
  }

  return (
    <section aria-labelledby="create-tenant" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="create-tenant" className="text-base font-semibold text-slate-900">
        Create a tenant
      </h2>
      <form onSubmit={submit} method="post" className="mt-4 flex flex-wrap items-end gap-3">
        <div className="min-w-60 flex-1">
          <label htmlFor="tenant-name" className="block text-sm font-medium text-slate-800">
            Tenant name
          </label>
          <input
            id="tenant-name"
            name="name"
            required
            maxLength={120}
            placeholder="Acme Compliance"
            className={`mt-1.5 ${inputClass}`}
          />
        </div>
        <div className="min-w-60 flex-1">
          <label htmlFor="tenant-owner" className="block text-sm font-medium text-slate-800">
            Owner&apos;s email
          </label>
          <input
            id="tenant-owner"
            name="ownerEmail"
            type="email"
            required
            placeholder="owner@company.com"
            className={`mt-1.5 ${inputClass}`}
          />
        </div>
        <Button type="submit" disabled={pending || !hydrated}>
          {pending ? "Creating…" : "Create tenant"}
        </Button>
      </form>
      <div className="mt-4 space-y-3">
        {error ? <Alert tone="error">{error}</Alert> : null}
        {created?.owner === "added" ? (
          <Alert tone="success">
            <DisplayName value={created.tenantName} /> is created. <DisplayName value={created.ownerEmail} />{" "}
            already has a Certdesk account and is its owner now; they sign in as usual.
          </Alert>
        ) : null}
        {created?.owner === "invited" ? (
          <ShownOnce
            title={
              <>
                <DisplayName value={created.tenantName} /> is created. Send this link to{" "}
                <DisplayName value={created.ownerEmail} />: it sets their password and makes them its owner.
              </>
            }
            note="It is shown only now and works once."
            value={created.inviteUrl}
            label="Owner's invitation link"
            testId="owner-invitation-link"
          />
        ) : null}
      </div>
    </section>
  );
}
