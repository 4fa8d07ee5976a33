import type { Metadata } from "next";
import Link from "next/link";
import { describeSetPasswordLink } from "@/lib/auth/set-password-token";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { UserFacingError } from "@/lib/user-facing-error";
import { Alert } from "@/components/ui/alert";
import { AuthCard } from "../auth-card";
import { SetPasswordForm } from "./set-password-form";

export const metadata: Metadata = { title: "Set your password" };
export const dynamic = "force-dynamic";

export default async function SetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<{ token?: string }>;
}) {
  const { token = "" } = await searchParams;
  let email: string | null = null;
  let problem: string | null = null;
  try {
    email = (await describeSetPasswordLink(token)).email;
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    problem = error.message;
  }
  return (
    <AuthCard title="Set your password" subtitle={email ? <>For {email}</> : undefined}>
      {problem ? (
        <div className="space-y-4">
          <Alert tone="error">{problem}</Alert>
          <Link href="/login" className="text-sm font-medium text-brand-700 hover:underline">
            Go to sign in
          </Link>
        </div>
      ) : (
        <SetPasswordForm token={token} minLength={PASSWORD_MIN_LENGTH} />
      )}
    </AuthCard>
  );
}
