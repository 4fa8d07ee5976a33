import type { Role } from "@/lib/auth/roles";

const TONES: Record<Role, string> = {
  owner: "bg-brand-100 text-brand-800",
  admin: "bg-indigo-100 text-indigo-800",
  certifier: "bg-amber-100 text-amber-900",
  reviewer: "bg-sky-100 text-sky-900",
  viewer: "bg-slate-100 text-slate-700",
};

export function RoleBadge({ role }: { role: Role }) {
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${TONES[role]}`}>{role}</span>
  );
}
