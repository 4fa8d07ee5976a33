import type { ReactNode } from "react";
import { requirePageMember } from "@/app/_auth/require-member";
import { hasRole } from "@/lib/auth/roles";
import { SettingsNav } from "@/components/settings/settings-nav";
import { SETTINGS_SECTIONS } from "@/components/settings/settings-sections";

/** Every settings page: the sub-navigation of the pages this member's role may open, then the page. */
export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const member = await requirePageMember("viewer");
  const sections = SETTINGS_SECTIONS.filter((section) => hasRole(member.role, section.role)).map(
    ({ href, label }) => ({ href, label }),
  );
  if (sections.length === 0) return children;
  return (
    <div className="lg:flex lg:items-start lg:gap-8">
      <SettingsNav sections={sections} />
      <div className="min-w-0 flex-1">{children}</div>
    </div>
  );
}
