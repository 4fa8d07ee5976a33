"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_auth/run-action";
import { claimInput } from "@/lib/claims/claim-input";
import { claimOne } from "@/lib/claims/claim-one";
import { decideClaim, decisionInput } from "@/lib/claims/decide-claim";
import { bulkDecisionInput, decideClaims } from "@/lib/claims/decide-claims";
import { deleteSavedView } from "@/lib/views/delete-saved-view";
import { saveSavedView } from "@/lib/views/save-saved-view";
import { savedViewInput } from "@/lib/views/saved-view-input";
import { recheckClaim } from "@/lib/claims/recheck-claim";
import { resolveUnknownClaim, resolveUnknownInput } from "@/lib/claims/resolve-unknown-claim";

export async function claimAction(input: z.infer<typeof claimInput>) {
  const result = await runAction("reviewer", claimInput, input, (member, data) => claimOne(member, data));
  revalidatePath("/claims");
  return result;
}

export async function decideClaimAction(input: { claimId: string; decision: string; reason?: string }) {
  const result = await runAction("reviewer", decisionInput, input, async (member, data) => {
    await decideClaim(member, data);
    return null;
  });
  revalidatePath(`/claims/${input.claimId}`);
  return result;
}

export async function recheckClaimAction(input: { claimId: string }) {
  const result = await runAction(
    "reviewer",
    z.object({ claimId: z.string().max(64) }),
    input,
    (member, data) => recheckClaim(member, data.claimId),
  );
  revalidatePath(`/claims/${input.claimId}`);
  return result;
}

export async function resolveUnknownClaimAction(input: { claimId: string; found: string; note: string }) {
  const result = await runAction("reviewer", resolveUnknownInput, input, async (context, data) => {
    await resolveUnknownClaim(context, data);
    return null;
  });
  revalidatePath(`/claims/${input.claimId}`);
  return result;
}

export async function decideClaimsAction(input: {
  ids?: string[];
  filter?: Record<string, string>;
  decision: string;
  reason?: string;
}) {
  const result = await runAction("reviewer", bulkDecisionInput, input, (member, data) =>
    decideClaims(member, data),
  );
  revalidatePath("/claims");
  return result;
}

export async function saveViewAction(input: { name: string; query: string }) {
  const result = await runAction("viewer", savedViewInput, input, (member, data) =>
    saveSavedView(member, data),
  );
  revalidatePath("/claims");
  return result;
}

export async function deleteViewAction(input: { id: string }) {
  const result = await runAction(
    "viewer",
    z.object({ id: z.string().max(64) }),
    input,
    async (member, data) => {
      await deleteSavedView(member, data.id);
      return null;
    },
  );
  revalidatePath("/claims");
  return result;
}
