import type { Metadata } from "next";
import Link from "next/link";
import { signedInUser } from "@/app/_auth/signed-in-user";
import { PASSWORD_MIN_LENGTH } from "@/lib/auth/password";
import { openInvitation, type OpenInvitation } from "@/lib/invitations/open-invitation";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { Alert } from "@/components/ui/alert";
import { AuthCard } from "../auth-card";
import { AcceptInvitation, SetPasswordForm } from "./invite-forms";

export const metadata: Metadata = { title: "Invitation" };
export const dynamic = "force-dynamic";

export default async function InvitePage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token = "" } = await searchParams;
  const user = await signedInUser();
  let invitation: OpenInvitation | null = null;
  let problem: string | null = null;
  try {
    invitation = await openInvitation(token, user?.id ?? null);
  } catch (error) {
    if (!(error instanceof UserFacingError)) throw error;
    problem = error.message;
  }
  if (!invitation) {
    return (
      <AuthCard title="Invitation">
        <div className="space-y-4">
          <Alert tone="error">{problem}</Alert>
          <Link href="/login" className="text-sm font-medium text-brand-700 hover:underline">
            Go to sign in
          </Link>
        </div>
      </AuthCard>
    );
  }
  const here = `/invite?token=${encodeURIComponent(token)}`;
  const subtitle = (
    <>
      {invitation.email} is invited to join {invitation.tenantName} as {invitation.role}.
    </>
  );
  if (invitation.mode === "set_password") {
    return (
      <AuthCard title="Set your password" subtitle={subtitle}>
        <SetPasswordForm token={token} minLength={PASSWORD_MIN_LENGTH} />
      </AuthCard>
    );
  }
  if (invitation.mode === "accept") {
    return (
      <AuthCard title="Accept the invitation" subtitle={subtitle}>
        <AcceptInvitation token={token} tenantName={invitation.tenantName} />
      </AuthCard>
    );
  }
  if (invitation.mode === "wrong_account") {
    return (
      <AuthCard title="Accept the invitation" subtitle={subtitle}>
        <Alert tone="error">
          This invitation is for {invitation.email}, and you are signed in as {user?.email}. Sign out, then
          open this link again and sign in as {invitation.email}.
        </Alert>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Accept the invitation" subtitle={subtitle}>
      <div className="space-y-4 text-sm text-slate-700">
        <p>
          A Certdesk account for {invitation.email} already exists. Sign in with its password or single
          sign-on; you come back here to accept.
        </p>
        <Link
          href={`/login?next=${encodeURIComponent(here)}`}
          className="inline-flex font-medium text-brand-700 hover:underline"
        >
          Sign in to accept
        </Link>
      </div>
    </AuthCard>
  );
}
