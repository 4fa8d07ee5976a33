import type { ReactNode } from "react";
import { requirePageMember } from "@/app/_auth/require-member";
import { AppShell } from "@/components/shell/app-shell";
import { TenantSwitcher } from "@/components/shell/tenant-switcher";
import { UserMenu } from "@/components/shell/user-menu";
import { countUnreviewedClaims } from "@/lib/claims/count-unreviewed-claims";
import { switchTenant } from "./tenant-actions";

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const member = await requirePageMember("viewer");
  const toReview = await countUnreviewedClaims(member);
  return (
    <AppShell
      toReview={toReview}
      tenant={
        <TenantSwitcher
          tenants={member.memberships}
          activeTenantId={member.tenantId}
          switchTenant={switchTenant}
        />
      }
      user={<UserMenu email={member.user.email} name={member.user.name} role={member.role} />}
    >
      {children}
    </AppShell>
  );
}
