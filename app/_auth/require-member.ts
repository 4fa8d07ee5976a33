// The one gate between a request and tenant data: who is signed in (a session cookie whose session version is still
// the user's current one: lib/auth/find-session-user.ts), which tenant they act in (their choice,
// kept in a cookie, always checked against their memberships), and whether their role there is enough.
// Pages, server actions and route handlers all pass through it; lib/ never reads the session itself.
import "server-only";
import { getServerSession } from "next-auth";
import { cookies, headers } from "next/headers";
import { forbidden, redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/auth-options";
import { hasRole, type Role } from "@/lib/auth/roles";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { SESSION_ENDED_MESSAGE } from "@/lib/auth/session-ended-message";
import { findSessionUser, type SessionUser } from "@/lib/auth/find-session-user";
import type { TenantContext } from "@/lib/core/tenant-context";
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";
import { listUserMemberships, type UserMembership } from "@/lib/tenants/list-user-memberships";

export const TENANT_COOKIE = "certdesk_tenant";
/** The path and query the browser asked for, set by proxy.ts (never the browser's own header of that name). */
export const REQUEST_PATH_HEADER = "x-certdesk-path";

/** A signed-in member acting in their chosen tenant: a TenantContext, with who they are for the page. */
export type Member = TenantContext & {
  user: { id: string; email: string; name: string | null };
  role: Role;
  tenantName: string;
  memberships: UserMembership[];
  /** What every lib/ verb is handed: this member acting in their chosen tenant. */
  context: TenantContext;
};

type MemberFailure = "signed_out" | "no_tenant";

/**
 * The user of the request's session cookie, or null when there is none or it was ended (signed out elsewhere).
 * Every reader of the session goes through this, so no page or action honours an ended session.
 */
export async function loadSessionUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) return null;
  return findSessionUser({
    userId,
    sessionVersion: (session as { sessionVersion?: number }).sessionVersion,
  });
}

async function loadMember(): Promise<Member | MemberFailure> {
  const user = await loadSessionUser();
  if (!user) return "signed_out";
  const memberships = await listUserMemberships(user.id);
  if (memberships.length === 0) return "no_tenant";
  const chosen = (await cookies()).get(TENANT_COOKIE)?.value;
  const active = memberships.find((m) => m.tenantId === chosen) ?? memberships[0]!;
  const context = openTenantContext(active.tenantId, {
    kind: "member",
    userId: user.id,
    email: user.email,
    role: active.role,
  });
  return {
    ...context,
    context,
    user,
    memberships,
    tenantId: active.tenantId,
    tenantName: active.tenantName,
    role: active.role,
  };
}

/** For the sign-in page: whether the request carries a session that was not ended (an ended one signs in again). */
export async function hasLiveSession(): Promise<boolean> {
  return (await loadSessionUser()) !== null;
}

/** For pages and layouts: sends the signed-out to /login, and answers 403 to a member whose role is too low. */
export async function requirePageMember(role: Role): Promise<Member> {
  const member = await loadMember();
  if (member === "signed_out") {
    // Back to this page after signing in (a session that expired mid-visit).
    const path = safeNextPath((await headers()).get(REQUEST_PATH_HEADER), "");
    redirect(path && path !== "/" ? `/login?next=${encodeURIComponent(path)}` : "/login");
  }
  if (member === "no_tenant") redirect("/login?error=NoTenant");
  if (!hasRole(member.role, role)) forbidden();
  return member;
}

/** For server actions and route handlers: the member, or the reason in words (never a redirect or a throw). */
export async function requireMember(
  role: Role,
): Promise<{ ok: true; member: Member } | { ok: false; error: string; status: 401 | 403 }> {
  const member = await loadMember();
  if (member === "signed_out" || member === "no_tenant") {
    return { ok: false, error: SESSION_ENDED_MESSAGE, status: 401 };
  }
  if (!hasRole(member.role, role)) {
    return {
      ok: false,
      error: `This needs the ${role} role or higher; yours is ${member.role}.`,
      status: 403,
    };
  }
  return { ok: true, member };
}
