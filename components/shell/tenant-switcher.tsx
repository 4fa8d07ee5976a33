"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { DisplayName } from "@/components/ui/display-name";
import { displayText } from "@/lib/text/display-name";
import { SessionEndedRedirect } from "@/components/session/session-ended-redirect";
import { SESSION_ENDED_MESSAGE } from "@/lib/auth/session-ended-message";

export interface TenantOption {
  tenantId: string;
  tenantName: string;
  role: string;
}

export function TenantSwitcher({
  tenants,
  activeTenantId,
  switchTenant,
}: {
  tenants: TenantOption[];
  activeTenantId: string;
  switchTenant: (tenantId: string) => Promise<{ ok: true; data: null } | { ok: false; error: string }>;
}) {
  const id = useId();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const hydrated = useHydrated();
  const active = tenants.find((t) => t.tenantId === activeTenantId);
  if (tenants.length < 2) {
    return (
      <div className="px-3">
        <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Tenant</p>
        <p className="mt-0.5 truncate text-sm font-medium text-slate-900" data-testid="active-tenant">
          <DisplayName value={active?.tenantName} fallback="" />
        </p>
      </div>
    );
  }
  return (
    <div className="px-3">
      <label htmlFor={id} className="text-xs font-medium uppercase tracking-wide text-slate-500">
        Tenant
      </label>
      <select
        id={id}
        data-testid="tenant-switcher"
        value={activeTenantId}
        disabled={pending || !hydrated}
        onChange={(event) => {
          const tenantId = event.target.value;
          setError(null);
          startTransition(async () => {
            const result = await switchTenant(tenantId);
            if (!result.ok) setError(result.error);
            else router.push("/");
            router.refresh();
          });
        }}
        className="mt-1 block w-full rounded-md border-0 bg-white py-1.5 pl-2 pr-8 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
      >
        {tenants.map((tenant) => (
          <option key={tenant.tenantId} value={tenant.tenantId}>
            {`${displayText(tenant.tenantName)} (${tenant.role})`}
          </option>
        ))}
      </select>
      {error ? (
        <p role="alert" className="mt-1 text-xs text-red-700">
          {error}
          {error === SESSION_ENDED_MESSAGE ? <SessionEndedRedirect /> : null}
        </p>
      ) : null}
    </div>
  );
}
