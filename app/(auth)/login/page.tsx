import type { Metadata } from "next";
import { getServerSession } from "next-auth";
import { redirect } from "next/navigation";
import { authOptions } from "@/lib/auth/auth-options";
import { safeNextPath } from "@/lib/auth/safe-next-path";
import { config } from "@/lib/config";
import { AuthCard } from "../auth-card";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

// next-auth's error codes, in words. Credential failures arrive as our own message instead of a code.
const ERRORS: Record<string, string> = {
  AccessDenied:
    "This single sign-on account is not a member of any Certdesk tenant. Ask an admin to add your email address.",
  NoTenant: "Your account is not a member of any tenant any more. Ask an admin to add you again.",
  OAuthSignin: "Single sign-on could not start. Try again, or sign in with your email and password.",
  OAuthCallback: "Single sign-on did not complete. Try again.",
  SessionRequired: "Sign in to continue.",
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ error?: string; callbackUrl?: string; next?: string }>;
}) {
  const session = await getServerSession(authOptions());
  const { error, next } = await searchParams;
  const after = safeNextPath(next);
  if (session?.user && error !== "NoTenant") redirect(after);
  const oidc = config().oidc;
  return (
    <AuthCard title="Sign in" subtitle="Use the email address your admin added.">
      <LoginForm
        initialError={error ? (ERRORS[error] ?? null) : null}
        sso={oidc ? { id: "oidc", name: oidc.name } : null}
        next={after}
      />
    </AuthCard>
  );
}
