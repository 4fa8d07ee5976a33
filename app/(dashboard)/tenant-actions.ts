"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { TENANT_COOKIE } from "@/app/_auth/require-member";
import { runAction } from "@/app/_auth/run-action";
import { publicUrl } from "@/lib/config";
import { UserFacingError } from "@/lib/core/user-facing-error";

/** Makes another of the user's tenants the active one. A tenant the user is not a member of is "not found". */
export async function switchTenant(tenantId: string) {
  return runAction("viewer", z.string(), tenantId, async (context, id) => {
    if (!context.member.memberships.some((m) => m.tenantId === id))
      throw new UserFacingError("That tenant was not found.", "not_found");
    (await cookies()).set(TENANT_COOKIE, id, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: publicUrl().startsWith("https://"),
    });
    return null;
  });
}
