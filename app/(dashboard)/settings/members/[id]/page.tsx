import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requirePageMember } from "@/app/_auth/require-member";
import { canManageRole, ROLES } from "@/lib/auth/roles";
import { listTokensCreatedBy } from "@/lib/api-tokens/list-tokens-created-by";
import { getMember } from "@/lib/members/get-member";
import { MemberControls } from "@/components/members/member-controls";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { RoleBadge } from "@/components/ui/role-badge";
import { changeMemberRoleAction, removeMemberAction } from "../actions";
import { DisplayName } from "@/components/ui/display-name";

export const metadata: Metadata = { title: "Member" };

export default async function MemberPage({ params }: { params: Promise<{ id: string }> }) {
  const member = await requirePageMember("admin");
  const { id } = await params;
  const target = await getMember(member, id);
  if (!target) notFound();
  const tokens = await listTokensCreatedBy(member, target.userId);
  return (
    <>
      <Breadcrumb href="/settings/members" label="Members" />
      <PageHeader
        title={<DisplayName value={target.email} />}
        description={
          <>
            Member of <DisplayName value={member.tenantName} /> as <RoleBadge role={target.role} />
          </>
        }
      />
      <div className="rounded-lg border border-slate-200 bg-white p-5">
        <MemberControls
          membershipId={target.id}
          email={target.email}
          role={target.role}
          canManage={canManageRole(member.role, target.role)}
          assignableRoles={ROLES.filter((role) => canManageRole(member.role, role))}
          changeRole={changeMemberRoleAction}
          remove={removeMemberAction}
          tokensCreated={tokens.map((token) => token.name)}
        />
      </div>
      {tokens.length ? (
        <section
          aria-labelledby="member-tokens"
          className="mt-6 rounded-lg border border-slate-200 bg-white p-5"
          data-testid="member-tokens"
        >
          <h2 id="member-tokens" className="text-sm font-semibold text-slate-900">
            API tokens this member created
          </h2>
          <p className="mt-1 text-sm text-slate-600">
            They belong to the tenant and keep working if this member leaves or loses a role. Revoke any that
            should stop in{" "}
            <Link href="/settings/tokens" className="text-sky-700 underline">
              Settings → API tokens
            </Link>
            .
          </p>
          <ul className="mt-3 space-y-1 text-sm text-slate-800">
            {tokens.map((token) => (
              <li key={token.id}>
                <DisplayName value={token.name} />{" "}
                <span className="text-slate-500">({token.scopes.join(", ")})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
