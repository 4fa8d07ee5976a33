"use server";

import { headers } from "next/headers";
import { z } from "zod";
import { clientIp } from "@/lib/auth/client-ip";
import { setPasswordWithToken } from "@/lib/auth/set-password-token";
import { UserFacingError } from "@/lib/user-facing-error";

const input = z.object({ token: z.string().min(1).max(200), password: z.string(), confirm: z.string() });

/** The one action reachable without a session: the token itself is the credential. */
export async function setPassword(raw: {
  token: string;
  password: string;
  confirm: string;
}): Promise<{ ok: true; data: { email: string } } | { ok: false; error: string }> {
  const parsed = input.safeParse(raw);
  if (!parsed.success)
    return { ok: false, error: "This link is incomplete. Open the whole link your admin sent." };
  if (parsed.data.password !== parsed.data.confirm)
    return { ok: false, error: "The two passwords are not the same." };
  try {
    const result = await setPasswordWithToken({
      token: parsed.data.token,
      password: parsed.data.password,
      ip: clientIp(await headers()),
    });
    return { ok: true, data: result };
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false, error: error.message };
    console.error(
      "[certdesk] set password failed:",
      error instanceof Error ? error.message : "unknown error",
    );
    return { ok: false, error: "Something went wrong on our side. Try again in a moment." };
  }
}
