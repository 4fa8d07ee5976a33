// next-auth configuration: email + password (credentials) always, and a generic OpenID Connect provider when
// OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set. Sessions are signed JWT cookies that expire after
// SESSION_MAX_AGE_HOURS; membership and role are read from the database on every request, so a removed member
// loses access at once.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { config } from "@/lib/config";
import { systemDb } from "@/lib/db/client";
import { clientIp } from "./client-ip";
import { normalizeEmail } from "./normalize-email";
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
    callbacks: {
      async signIn({ account, user }) {
        if (account?.provider !== "oidc") return true;
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
        if (account?.provider === "oidc" && user?.email) {
          const found = await systemDb.user.findUnique({ where: { email: normalizeEmail(user.email) } });
          if (found) {
            token.sub = found.id;
            token.email = found.email;
          }
        } else if (user) {
          token.sub = user.id;
        }
        return token;
      },
      async session({ session, token }) {
        if (session.user && token.sub) (session.user as { id?: string }).id = token.sub;
        return session;
      },
    },
  };
}
