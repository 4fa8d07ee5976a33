// The settings pages, in the order the sub-navigation and the settings index show them. Adding a settings page is
// one entry here (the notices page adds its own).
import type { Role } from "@/lib/auth/roles";

export interface SettingsSection {
  href: string;
  /** The sub-navigation's label. */
  label: string;
  /** The index page's title and line about it. */
  title: string;
  text: string;
  /** The least role that may open it; the navigation hides it from others. */
  role: Role;
}

export const SETTINGS_SECTIONS: SettingsSection[] = [
  {
    href: "/settings/connections",
    label: "Connections",
    title: "Connections",
    text: "TrueScreen and TrustedForm API keys, environment and webhook URL.",
    role: "admin",
  },
  {
    href: "/settings/policies",
    label: "Policies",
    title: "Claim policies",
    text: "Consent language, TrustedForm API version, 4.0 Insights, Verify and verdict rules, and claim settings.",
    role: "admin",
  },
  {
    href: "/settings/members",
    label: "Members",
    title: "Members and roles",
    text: "Add people, set their role, remove them.",
    role: "admin",
  },
  {
    href: "/settings/tokens",
    label: "API tokens",
    title: "API tokens",
    text: "Tokens for the public API and MCP: scopes, last use, revocation.",
    role: "admin",
  },
  {
    href: "/settings/webhooks",
    label: "Webhooks",
    title: "Webhooks",
    text: "Signed deliveries of claims, batches and certifications to your own systems, with a delivery log.",
    role: "admin",
  },
  {
    href: "/settings/audit",
    label: "Audit log",
    title: "Audit log",
    text: "Who did what and when: filter, export, verify the chain.",
    role: "admin",
  },
  {
    href: "/settings/notices",
    label: "Notices",
    title: "Notices",
    text: "Which notices you get, in Certdesk and by email; the credits threshold (admins).",
    role: "viewer",
  },
];
