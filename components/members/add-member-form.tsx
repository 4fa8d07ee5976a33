"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import { useHydrated } from "@/components/ui/use-hydrated";
import { OneTimeLink } from "./one-time-link";

type Invited = { email: string; role: string; inviteUrl: string };
type InviteResult = { ok: true; data: Invited } | { ok: false; error: string };

export function AddMemberForm({
  roles,
  tenantName,
  inviteMember,
}: {
  roles: Array<{ role: string; description: string }>;
  tenantName: string;
  inviteMember: (input: { email: string; role: string }) => Promise<InviteResult>;
}) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const hydrated = useHydrated();
  const [error, setError] = useState<string | null>(null);
  const [added, setAdded] = useState<Invited | null>(null);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const element = event.currentTarget;
    const form = new FormData(element);
    setPending(true);
    setError(null);
    setAdded(null);
    const result = await inviteMember({
      email: String(form.get("email") ?? ""),
      role: String(form.get("role") ?? ""),
    });
    setPending(false);
    if (!result.ok) return setError(result.error);
    setAdded(result.data);
    element.reset();
    router.refresh();
  }

  return (
    <section aria-labelledby="add-member" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="add-member" className="text-base font-semibold text-slate-900">
        Invite a member
      </h2>
      <form onSubmit={submit} method="post" className="mt-4 flex flex-wrap items-end gap-3">
        <div className="min-w-60 flex-1">
          <label htmlFor="member-email" className="block text-sm font-medium text-slate-800">
            Email
          </label>
          <input
            id="member-email"
            name="email"
            type="email"
            required
            placeholder="name@company.com"
            className={`mt-1.5 ${inputClass}`}
          />
        </div>
        <div>
          <label htmlFor="member-role" className="block text-sm font-medium text-slate-800">
            Role
          </label>
          <select id="member-role" name="role" defaultValue="viewer" className={`mt-1.5 ${inputClass}`}>
            {roles.map(({ role, description }) => (
              <option key={role} value={role} title={description}>
                {role}
              </option>
            ))}
          </select>
        </div>
        <Button type="submit" disabled={pending || !hydrated}>
          {pending ? "Inviting…" : "Invite member"}
        </Button>
      </form>
      <div className="mt-4 space-y-3">
        {error ? <Alert tone="error">{error}</Alert> : null}
        {added ? (
          <OneTimeLink email={added.email} url={added.inviteUrl} tenantName={tenantName} role={added.role} />
        ) : null}
      </div>
    </section>
  );
}
