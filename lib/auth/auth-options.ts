// next-auth configuration: email + password (credentials) always, and a generic OpenID Connect provider when
// OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set. Sessions are signed JWT cookies that expire after
// SESSION_MAX_AGE_HOURS; membership and role are read from the database on every request, so a removed member
// loses access at once, and each cookie carries the user's session version, so sign-out, a password change, a role
// change or a removal ends every session of that user at once (lib/auth/end-sessions.ts).
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { config } from "@/lib/config";
import { systemDb } from "@/lib/db/client";
import { clientIp } from "./client-ip";
import { endSessionsOnSignOut } from "./end-sessions-on-sign-out";
import { normalizeEmail } from "./normalize-email";
import { sameOriginRedirect } from "./same-origin-redirect";
import { signInWithPassword } from "./sign-in-with-password";

interface OidcProfile {
  sub: string;
  email?: string;
  email_verified?: boolean;
  name?: string;
}

export function oidcProvider(): OAuthConfig<OidcProfile> | null {
  const oidc = config().oidc;
  if (!oidc) return null;
  return {
    id: "oidc",
    name: oidc.name,
    type: "oauth",
    wellKnown: `${oidc.issuer.replace(/\/+$/, "")}/.well-known/openid-configuration`,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    idToken: true,
    checks: ["pkce", "state"],
    authorization: { params: { scope: "openid email profile" } },
    profile: (profile) => ({ id: profile.sub, email: profile.email ?? null, name: profile.name ?? null }),
  };
}

/** Whether an OIDC profile's address is proven: `email_verified` true (some providers send the string "true"). */
export function emailVerified(profile: unknown): boolean {
  const verified = (profile as OidcProfile | undefined)?.email_verified as unknown;
  return verified === true || verified === "true";
}

export function authOptions(): NextAuthOptions {
  const c = config();
  const oidc = oidcProvider();
  return {
    secret: c.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: c.SESSION_MAX_AGE_HOURS * 3600 },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: {
          email: { label: "Email", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(credentials, request) {
          const result = await signInWithPassword({
            email: credentials?.email ?? "",
            password: credentials?.password ?? "",
            ip: clientIp(request?.headers ?? {}),
          });
          // next-auth passes a thrown message to the sign-in page: it is written for people and names no account.
          if (!result.ok) throw new Error(result.message);
          return { id: result.user.id, email: result.user.email, name: result.user.name };
        },
      }),
      ...(oidc ? [oidc] : []),
    ],
    events: {
      // next-auth calls this on POST /api/auth/signout with the decoded cookie (JWT strategy), before it clears
      // the cookie; it logs and swallows a throw, so the e2e test replays the old cookie to prove it ran.
      async signOut({ token }) {
        if (token?.sub && typeof token.sessionVersion === "number")
          await endSessionsOnSignOut({ userId: token.sub, sessionVersion: token.sessionVersion });
      },
    },
    callbacks: {
      // Only this app's own pages: a hostile callbackUrl answers the base URL, never another site or a 500.
      redirect: async (params) => sameOriginRedirect(params),
      async signIn({ account, user, profile }) {
        if (account?.provider !== "oidc") return true;
        // The account is found by address, so the provider must vouch for it: many let a user type any address
        // unproven (self-registration, an editable directory attribute), which would open anyone's account here.
        if (!emailVerified(profile)) return false;
        // SSO signs in members, and people with an open invitation (who sign in to accept it): an admin invites first.
        const email = user.email ? normalizeEmail(user.email) : "";
        const found = email
          ? await systemDb.user.findUnique({
              where: { email },
              include: { memberships: { select: { tenantId: true } } },
            })
          : null;
        if (!found) return false;
        if (found.memberships.length === 0)
          return (
            (await systemDb.invitation.count({
              where: { email, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
            })) > 0
          );
        for (const { tenantId } of found.memberships) {
          await appendAuditEntry({
            tenantId,
            actorId: found.id,
            actorEmail: email,
            action: "auth.login",
            targetType: "user",
            targetId: found.id,
            details: { method: "oidc" },
          });
        }
        return true;
      },
      async jwt({ token, user, account }) {
        // `user` is present only at sign-in: that is when the session version is copied into the cookie. From then
        // on the gate compares it with the user's current one on every request (lib/auth/end-sessions.ts).
        if (account?.provider === "oidc" && user?.email) {
          const found = await systemDb.user.findUnique({ where: { email: normalizeEmail(user.email) } });
          if (found) {
            token.sub = found.id;
            token.email = found.email;
            token.sessionVersion = found.sessionVersion;
          }
        } else if (user) {
          token.sub = user.id;
          const found = await systemDb.user.findUnique({
            where: { id: user.id },
            select: { sessionVersion: true },
          });
          if (found) token.sessionVersion = found.sessionVersion;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        if (typeof token.sessionVersion === "number")
          (session as { sessionVersion?: number }).sessionVersion = token.sessionVersion;
        return session;
      },
    },
  };
}
