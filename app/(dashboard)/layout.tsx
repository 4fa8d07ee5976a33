import Link from "next/link";
import type { ReactNode } from "react";
import { requirePageMember } from "@/app/_auth/require-member";
import { HeaderSearch } from "@/components/search/header-search";
import { AppShell } from "@/components/shell/app-shell";
import { TenantSwitcher } from "@/components/shell/tenant-switcher";
import { UserMenu } from "@/components/shell/user-menu";
import { searchAction } from "./search/actions";
import { countUnreviewedClaims } from "@/lib/claims/count-unreviewed-claims";
import { isOperator } from "@/lib/operators/is-operator";
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
      user={
        <UserMenu
          email={member.user.email}
          name={member.user.name}
          role={member.role}
          operator={isOperator(member.user.email)}
        />
      }
      search={
        <div className="flex items-center gap-4">
          <HeaderSearch search={searchAction} />
          <Link href="/claims/lookup" className="shrink-0 text-sm font-medium text-brand-700 hover:underline">
            Consent lookup
          </Link>
        </div>
      }
    >
      {children}
    </AppShell>
  );
}
