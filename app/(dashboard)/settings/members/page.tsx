import type { Metadata } from "next";
import Link from "next/link";
import { requirePageMember } from "@/app/_auth/require-member";
import { canManageRole, ROLE_DESCRIPTIONS, ROLES } from "@/lib/auth/roles";
import { listMembers } from "@/lib/members/list-members";
import { AddMemberForm } from "@/components/members/add-member-form";
import { PageHeader } from "@/components/ui/page-header";
import { RoleBadge } from "@/components/ui/role-badge";
import { addMemberAction } from "./actions";

export const metadata: Metadata = { title: "Members" };

const dateFormat = new Intl.DateTimeFormat("en", { dateStyle: "medium" });

export default async function MembersPage() {
  const member = await requirePageMember("admin");
  const members = await listMembers(member);
  const assignable = ROLES.filter((role) => canManageRole(member.role, role)).map((role) => ({
    role,
    description: ROLE_DESCRIPTIONS[role],
  }));
  return (
    <>
      <PageHeader
        title="Members and roles"
        description={`People who can sign in to ${member.tenantName}, and what each may do.`}
      />
      <div className="space-y-6">
        <AddMemberForm roles={assignable} addMember={addMemberAction} />
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <caption className="sr-only">Members of {member.tenantName}</caption>
            <thead className="bg-slate-50 text-left text-xs font-medium uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-4 py-3">
                  Member
                </th>
                <th scope="col" className="px-4 py-3">
                  Role
                </th>
                <th scope="col" className="px-4 py-3">
                  Status
                </th>
                <th scope="col" className="px-4 py-3">
                  Added
                </th>
                <th scope="col" className="px-4 py-3">
                  <span className="sr-only">Manage</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="members-table">
              {members.map((row) => (
                <tr key={row.id}>
                  <td className="px-4 py-3">
                    <span className="font-medium text-slate-900">{row.email}</span>
                    {row.userId === member.user.id ? (
                      <span className="ml-2 text-xs text-slate-500">(you)</span>
                    ) : null}
                  </td>
                  <td className="px-4 py-3">
                    <RoleBadge role={row.role} />
                  </td>
                  <td className="px-4 py-3 text-slate-600">
                    {row.hasPassword ? "Active" : "Waiting to set a password"}
                  </td>
                  <td className="px-4 py-3 text-slate-600">{dateFormat.format(row.createdAt)}</td>
                  <td className="px-4 py-3 text-right">
                    <Link
                      href={`/settings/members/${row.id}`}
                      className="font-medium text-brand-700 hover:underline"
                      aria-label={`Manage ${row.email}`}
                    >
                      Manage
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </>
  );
}
