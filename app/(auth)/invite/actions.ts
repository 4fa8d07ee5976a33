"use server";

import { componentLogger } from "@/lib/log/logger";
import { cookies, headers } from "next/headers";
import { z } from "zod";
import { TENANT_COOKIE } from "@/app/_auth/require-member";
import { signedInUser } from "@/app/_auth/signed-in-user";
import { clientIp } from "@/lib/auth/client-ip";
import { config } from "@/lib/config";
import { acceptInvitationAsUser } from "@/lib/invitations/accept-invitation-as-user";
import { acceptInvitationWithPassword } from "@/lib/invitations/accept-invitation-with-password";
import { UserFacingError } from "@/lib/core/user-facing-error";

type Result<T> = { ok: true; data: T } | { ok: false; error: string };

const INCOMPLETE = "This link is incomplete. Open the whole link your admin sent.";
const token = z.string().min(1).max(200);

async function answer<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false, error: error.message };
    componentLogger("invitations").error(
      { errorType: error instanceof Error ? error.name : "unknown" },
      "accepting an invitation failed",
    );
    return { ok: false, error: "Something went wrong on our side. Try again in a moment." };
  }
}

/** Reachable without a session: the invitation's token is the credential, and only for the account it created. */
export async function acceptWithPassword(raw: { token: string; password: string; confirm: string }) {
  const parsed = z.object({ token, password: z.string(), confirm: z.string() }).safeParse(raw);
  if (!parsed.success) return { ok: false, error: INCOMPLETE } as const;
  if (parsed.data.password !== parsed.data.confirm)
    return { ok: false, error: "The two passwords are not the same." } as const;
  if (await signedInUser())
    return { ok: false, error: "Sign out first: this link sets the password of another account." } as const;
  const ip = clientIp(await headers());
  return answer(() =>
    acceptInvitationWithPassword({ token: parsed.data.token, password: parsed.data.password, ip }),
  );
}

/** For the signed-in owner of the invited address. */
export async function acceptAsSignedInUser(raw: { token: string }) {
  const parsed = z.object({ token }).safeParse(raw);
  if (!parsed.success) return { ok: false, error: INCOMPLETE } as const;
  const user = await signedInUser();
  if (!user)
    return { ok: false, error: "Your session has ended. Sign in again, then open the link." } as const;
  const ip = clientIp(await headers());
  const result = await answer(() =>
    acceptInvitationAsUser({ token: parsed.data.token, userId: user.id, ip }),
  );
  if (result.ok) {
    (await cookies()).set(TENANT_COOKIE, result.data.tenantId, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: (config().NEXTAUTH_URL ?? "").startsWith("https://"),
    });
  }
  return result;
}
