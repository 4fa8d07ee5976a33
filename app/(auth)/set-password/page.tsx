import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { openPasswordReset, type OpenPasswordReset } from "@/lib/auth/open-password-reset";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { Alert } from "@/components/ui/alert";
import { AuthCard } from "../auth-card";
import { ResetPasswordForm } from "./reset-password-form";

export const metadata: Metadata = { title: "Set a new password" };
export const dynamic = "force-dynamic";

/**
 * `?reset=…`: a password reset link (npm run user:reset-password). `?token=…`: set-password links issued before
 * invitations existed carry an invitation's token, so they open the invitation.
 */
export default async function SetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string; reset?: string }>;
}) {
  const { token, reset } = await searchParams;
  if (reset === undefined) redirect(`/invite?token=${encodeURIComponent(token ?? "")}`);
  let opened: OpenPasswordReset | null = null;
  let problem: string | null = null;
  try {
    opened = await openPasswordReset(String(reset));
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    problem = error.message;
  }
  if (!opened) {
    return (
      <AuthCard title="Set a new password">
        <div className="space-y-4">
          <Alert tone="error">{problem}</Alert>
          <Link href="/login" className="text-sm font-medium text-brand-700 hover:underline">
            Go to sign in
          </Link>
        </div>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Set a new password"
      subtitle={<>For {opened.email}. Every session of this account ends when the new password is set.</>}
    >
      <ResetPasswordForm token={String(reset)} minLength={PASSWORD_MIN_LENGTH} />
    </AuthCard>
  );
}
