import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageMember } from "@/app/_auth/require-member";
import { canManageRole, ROLES } from "@/lib/auth/roles";
import { getMember } from "@/lib/members/get-member";
import { MemberControls } from "@/components/members/member-controls";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { RoleBadge } from "@/components/ui/role-badge";
import { changeMemberRoleAction, removeMemberAction } from "../actions";

export const metadata: Metadata = { title: "Member" };

export default async function MemberPage({ params }: { params: Promise<{ id: string }> }) {
  const member = await requirePageMember("admin");
  const { id } = await params;
  const target = await getMember(member, id);
  if (!target) notFound();
  return (
    <>
      <Breadcrumb href="/settings/members" label="Members" />
      <PageHeader
        title={target.email}
        description={
          <>
            Member of {member.tenantName} as <RoleBadge role={target.role} />
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
        />
      </div>
    </>
  );
}
