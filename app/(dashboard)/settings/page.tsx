import type { Metadata } from "next";
import Link from "next/link";
import { requirePageMember } from "@/app/_auth/require-member";
import { hasRole } from "@/lib/auth/roles";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Settings" };

const SECTIONS = [
  {
    href: "/settings/members",
    title: "Members and roles",
    text: "Add people, set their role, remove them.",
    role: "admin" as const,
  },
  {
    href: "/settings/connections",
    title: "Connections",
    text: "TrueScreen and TrustedForm API keys, environment and webhook URL.",
    role: "admin" as const,
  },
  {
    href: "/settings/policies",
    title: "Claim policies",
    text: "Consent language, TrustedForm API version, 4.0 Insights, Verify and verdict rules, and claim settings.",
    role: "admin" as const,
  },
  {
    href: "/settings/webhooks",
    title: "Webhooks",
    text: "Signed deliveries of claims, batches and certifications to your own systems, with a delivery log.",
    role: "admin" as const,
  },
  {
    href: "/settings/audit",
    title: "Audit log",
    text: "Who did what and when: filter, export, verify the chain.",
    role: "admin" as const,
  },
];

export default async function SettingsPage() {
  const member = await requirePageMember("viewer");
  const visible = SECTIONS.filter((section) => hasRole(member.role, section.role));
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
