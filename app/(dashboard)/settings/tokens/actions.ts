"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_auth/run-action";
import { createApiToken, createApiTokenInput } from "@/lib/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";

export async function createApiTokenAction(input: { name: string; scopes: string[] }) {
  const result = await runAction("admin", createApiTokenInput, input, async (member, data) => {
    const created = await createApiToken(member, data);
    return { name: created.name, token: created.token, scopes: created.scopes };
  });
  revalidatePath("/settings/tokens");
  return result;
}

export async function revokeApiTokenAction(input: { tokenId: string }) {
  const result = await runAction("admin", z.object({ tokenId: z.string().max(64) }), input, (member, data) =>
    revokeApiToken(member, data.tokenId),
  );
  revalidatePath("/settings/tokens");
  return result;
}
