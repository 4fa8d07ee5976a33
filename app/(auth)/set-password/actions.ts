"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { signedInUser } from "@/app/_auth/signed-in-user";
import { clientIp } from "@/lib/auth/client-ip";
import { resetPassword } from "@/lib/auth/reset-password";
import { UserFacingError } from "@/lib/core/user-facing-error";

/** Reachable without a session: the link's token is the credential, for its one account. */
export async function resetPasswordAction(raw: { token: string; password: string; confirm: string }) {
  const parsed = z
    .object({
      token: z.string().min(1).max(200),
      password: z.string().max(1000),
      confirm: z.string().max(1000),
    })
    .safeParse(raw);
  if (!parsed.success)
    return { ok: false, error: "This link is incomplete. Open the whole link you were given." } as const;
  if (parsed.data.password !== parsed.data.confirm)
    return { ok: false, error: "The two passwords are not the same." } as const;
  if (await signedInUser())
    return { ok: false, error: "Sign out first: this link sets the password of an account." } as const;
  try {
    const ip = clientIp(await headers());
    const data = await resetPassword({ token: parsed.data.token, password: parsed.data.password, ip });
    return { ok: true, data } as const;
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false, error: error.message } as const;
    console.error("[certdesk] password reset failed:", error instanceof Error ? error.name : "unknown error");
    return { ok: false, error: "Something went wrong on our side. Try again in a moment." } as const;
  }
}
