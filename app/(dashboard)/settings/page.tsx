import type { Metadata } from "next";
import Link from "next/link";
import { requirePageMember } from "@/app/_auth/require-member";
import { hasRole } from "@/lib/auth/roles";
import { PageHeader } from "@/components/ui/page-header";
import { SETTINGS_SECTIONS } from "@/components/settings/settings-sections";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const member = await requirePageMember("viewer");
  const visible = SETTINGS_SECTIONS.filter((section) => hasRole(member.role, section.role));
  return (
    <>
      <PageHeader title="Settings" description={`Settings of ${member.tenantName}.`} />
      {visible.length === 0 ? (
        <p className="text-sm text-slate-600">
          Your role ({member.role}) has no settings to manage. An admin or owner of this tenant can change
          them.
        </p>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2">
          {visible.map((section) => (
            <li key={section.href}>
              <Link
                href={section.href}
                className="block rounded-lg border border-slate-200 bg-white p-5 hover:border-brand-600"
              >
                <span className="block font-medium text-slate-900">{section.title}</span>
                <span className="mt-1 block text-sm text-slate-600">{section.text}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
