import type { Metadata } from "next";
import Link from "next/link";
import { requirePageMember } from "@/app/_auth/require-member";
import { canManageRole, ROLE_DESCRIPTIONS, ROLES } from "@/lib/auth/roles";
import { listInvitations } from "@/lib/invitations/list-invitations";
import { listMembers } from "@/lib/members/list-members";
import { AddMemberForm } from "@/components/members/add-member-form";
import { InvitationControls } from "@/components/members/invitation-controls";
import { PageHeader } from "@/components/ui/page-header";
import { RoleBadge } from "@/components/ui/role-badge";
import { inviteMemberAction, renewInvitationAction, revokeInvitationAction } from "./actions";
import { DisplayName } from "@/components/ui/display-name";
import { displayText } from "@/lib/text/display-name";
import { Time } from "@/components/ui/time";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage() {
  const member = await requirePageMember("admin");
  const [members, invitations] = await Promise.all([listMembers(member), listInvitations(member)]);
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
        <AddMemberForm roles={assignable} tenantName={member.tenantName} inviteMember={inviteMemberAction} />
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
                    <DisplayName value={row.email} className="font-medium text-slate-900" />
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
                  <td className="px-4 py-3 text-slate-600">
                    <Time value={row.createdAt} />
                  </td>
                  <td className="px-4 py-3 text-right">
                    <Link
                      href={`/settings/members/${row.id}`}
                      className="font-medium text-brand-700 hover:underline"
                      aria-label={`Manage ${displayText(row.email)}`}
                    >
                      Manage
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <section
          aria-labelledby="pending-invitations"
          className="rounded-lg border border-slate-200 bg-white"
        >
          <h2 id="pending-invitations" className="px-4 pt-4 text-base font-semibold text-slate-900">
            Pending invitations
          </h2>
          {invitations.length === 0 ? (
            <p className="px-4 pb-4 pt-2 text-sm text-slate-600">
              No invitation is waiting. People you invite appear here until they accept.
            </p>
          ) : (
            <ul className="divide-y divide-slate-100" data-testid="invitations-list">
              {invitations.map((invitation) => (
                <li
                  key={invitation.id}
                  className="flex flex-wrap items-start justify-between gap-3 px-4 py-3"
                >
                  <div className="text-sm">
                    <DisplayName value={invitation.email} className="font-medium text-slate-900" />{" "}
                    <RoleBadge role={invitation.role} />
                    <p className="mt-0.5 text-slate-600">
                      Invited <Time value={invitation.createdAt} relative />
                      {invitation.createdByEmail ? (
                        <>
                          {" "}
                          by <DisplayName value={invitation.createdByEmail} />
                        </>
                      ) : null}
                      .{" "}
                      {invitation.expired ? (
                        "The link has expired: make a new one."
                      ) : (
                        <>
                          The link expires{" "}
                          <Time value={invitation.expiresAt} relative testId="invitation-expires" />.
                        </>
                      )}
                    </p>
                  </div>
                  {canManageRole(member.role, invitation.role) ? (
                    <InvitationControls
                      invitationId={invitation.id}
                      email={invitation.email}
                      role={invitation.role}
                      tenantName={member.tenantName}
                      renew={renewInvitationAction}
                      revoke={revokeInvitationAction}
                    />
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
