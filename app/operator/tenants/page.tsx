import type { Metadata } from "next";
import { DisplayName } from "@/components/ui/display-name";
import { PageHeader } from "@/components/ui/page-header";
import { listAllTenants, TENANT_LIST_LIMIT } from "@/lib/tenants/list-all-tenants";
import { requirePageOperator } from "../require-operator";
import { createTenantAction } from "./actions";
import { CreateTenantForm } from "./create-tenant-form";
import { Time } from "@/components/ui/time";

export const metadata: Metadata = { title: "Tenants" };
export const dynamic = "force-dynamic";

export default async function OperatorTenantsPage() {
  const operator = await requirePageOperator("/operator/tenants");
  const { tenants, total } = await listAllTenants();
  return (
    <>
      <PageHeader
        title="Tenants"
        description={
          <>
            Every tenant of this Certdesk. You see this page because <DisplayName value={operator.email} /> is
            in CERTDESK_OPERATOR_EMAILS; it gives no access to any tenant&apos;s data.
          </>
        }
      />
      <div className="space-y-6">
        <CreateTenantForm createTenant={createTenantAction} />
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Tenants</caption>
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">
                  Tenant
                </th>
                <th scope="col" className="px-4 py-3">
                  Owners
                </th>
                <th scope="col" className="px-4 py-3">
                  Members
                </th>
                <th scope="col" className="px-4 py-3">
                  Created (UTC)
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="tenants-table">
              {tenants.map((tenant) => (
                <tr key={tenant.id}>
                  <td className="px-4 py-3 font-medium text-slate-900">
                    <DisplayName value={tenant.name} />
                  </td>
                  <td className="px-4 py-3 text-slate-700">
                    {tenant.owners.map((email) => (
                      <div key={email}>
                        <DisplayName value={email} />
                      </div>
                    ))}
                    {tenant.pendingOwnerInvitations.map((email) => (
                      <div key={email} className="text-slate-500">
                        <DisplayName value={email} /> (invited)
                      </div>
                    ))}
                  </td>
                  <td className="px-4 py-3 text-slate-700">{tenant.members}</td>
                  <td className="px-4 py-3 text-slate-600">
                    <Time value={tenant.createdAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {total > tenants.length ? (
            <p className="px-4 py-3 text-sm text-slate-600">
              The {TENANT_LIST_LIMIT} newest of {total} tenants.
            </p>
          ) : null}
        </div>
      </div>
    </>
  );
}
