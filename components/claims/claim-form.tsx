"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { inputClass } from "@/components/ui/form-field";
import { useHydrated } from "@/components/ui/use-hydrated";

type Result = { ok: true; data: { claimId: string } } | { ok: false; error: string };

export function ClaimForm({
  policies,
  allowedOrigin,
  claim,
}: {
  policies: Array<{ id: string; name: string; isDefault: boolean; summary: string }>;
  allowedOrigin: string;
  claim: (input: { certUrl: string } & Record<string, string>) => Promise<Result>;
}) {
  const router = useRouter();
  const hydrated = useHydrated();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [policyId, setPolicyId] = useState(policies.find((p) => p.isDefault)?.id ?? "");

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const value = (name: string) => String(form.get(name) ?? "");
    setPending(true);
    setError(null);
    const result = await claim({
      certUrl: value("certUrl"),
      email: value("email"),
      phone: value("phone"),
      reference: value("reference"),
      vendor: value("vendor"),
      ...(policyId
        ? { policyId }
        : { requiredText: value("requiredText"), forbiddenText: value("forbiddenText") }),
    });
    if (!result.ok) {
      setPending(false);
      return setError(result.error);
    }
    router.push(`/claims/${result.data.claimId}`);
  }

  const field = (name: string, label: string, props: Record<string, unknown> = {}) => (
    <div>
      <label htmlFor={`claim-${name}`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input id={`claim-${name}`} name={name} className={`mt-1.5 ${inputClass}`} {...props} />
    </div>
  );

  return (
    <form
      onSubmit={submit}
      method="post"
      className="space-y-5 rounded-lg border border-slate-200 bg-white p-5"
    >
      {error ? <Alert tone="error">{error}</Alert> : null}
      {field("certUrl", "Certificate URL", {
        required: true,
        placeholder: `${allowedOrigin}/…`,
        autoComplete: "off",
        spellCheck: false,
      })}
      <p className="-mt-3 text-xs text-slate-500">
        Only URLs of {allowedOrigin} are claimed; anything else is refused before any request.
      </p>
      <div className="grid gap-4 sm:grid-cols-2">
        {field("email", "Lead email", { type: "email", autoComplete: "off" })}
        {field("phone", "Lead phone", { autoComplete: "off" })}
        {field("reference", "Reference (your lead id)")}
        {field("vendor", "Vendor")}
      </div>
      <p className="text-xs text-slate-500">
        Email and phone are checked against the certificate&apos;s fingerprints and stored only as
        fingerprints.
      </p>
      <div>
        <label htmlFor="claim-policy" className="block text-sm font-medium text-slate-800">
          Scan policy
        </label>
        <select
          id="claim-policy"
          value={policyId}
          disabled={!hydrated}
          onChange={(e) => setPolicyId(e.target.value)}
          className={`mt-1.5 ${inputClass}`}
        >
          <option value="">Ad hoc terms (below)</option>
          {policies.map((policy) => (
            <option key={policy.id} value={policy.id}>
              {policy.name}
              {policy.isDefault ? " (default)" : ""}
            </option>
          ))}
        </select>
        {policyId ? (
          <p className="mt-1 text-xs text-slate-500">{policies.find((p) => p.id === policyId)?.summary}</p>
        ) : null}
      </div>
      {!policyId ? (
        <div className="grid gap-4 sm:grid-cols-2">
          {(["requiredText", "forbiddenText"] as const).map((name) => (
            <div key={name}>
              <label htmlFor={`claim-${name}`} className="block text-sm font-medium text-slate-800">
                {name === "requiredText" ? "Required terms" : "Forbidden terms"}
              </label>
              <textarea
                id={`claim-${name}`}
                name={name}
                rows={4}
                className={`mt-1.5 font-mono ${inputClass}`}
                placeholder={
                  name === "requiredText" ? "one per line; {{*}} is a wildcard" : "e.g. free iphone"
                }
              />
            </div>
          ))}
        </div>
      ) : null}
      <div className="flex items-center gap-3 border-t border-slate-200 pt-4">
        <Button type="submit" disabled={pending || !hydrated}>
          {pending ? "Claiming…" : "Claim certificate"}
        </Button>
        <p className="text-xs text-slate-500">
          A claim is billed by TrustedForm. It is sent once; a lost answer is checked, never resent.
        </p>
      </div>
    </form>
  );
}
