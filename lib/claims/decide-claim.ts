// A reviewer's decision on a claimed certificate: accepted, or rejected with a reason. Only a person decides, so the
// context must be a member's; the decision and its audit entry commit together.
import { z } from "zod";
import { memberOf } from "@/lib/core/actor";
import type { TenantContext } from "@/lib/core/tenant-context";
import { isUuid } from "@/lib/core/ids";
import { UserFacingError } from "@/lib/core/user-facing-error";

export const decisionInput = z
  .object({
    claimId: z.string(),
    decision: z.enum(["accepted", "rejected"]),
    reason: z.string().trim().max(1000).optional(),
  })
  .refine((input) => input.decision === "accepted" || (input.reason ?? "").length >= 3, {
    message: "Say why the claim is rejected (a few words).",
  });

export async function decideClaim(
  context: TenantContext,
  input: z.infer<typeof decisionInput>,
): Promise<void> {
  const member = memberOf(context.actor);
  const checked = decisionInput.safeParse(input);
  if (!checked.success) throw new UserFacingError(checked.error.issues[0]?.message ?? "Check the decision.");
  if (!isUuid(input.claimId)) throw new UserFacingError("That claim was not found.", "not_found");
  await context.transaction(async (tx) => {
    const claim = await tx.db.claim.findUnique({
      where: { id: input.claimId },
      select: { id: true, status: true, certId: true },
    });
    if (!claim) throw new UserFacingError("That claim was not found.", "not_found");
    if (claim.status !== "claimed")
      throw new UserFacingError("Only a claimed certificate can be accepted or rejected.", "conflict");
    await tx.db.claim.update({
      where: { id: claim.id },
      data: {
        decision: input.decision,
        decisionReason: input.reason || null,
        decidedByEmail: member.email,
        decidedAt: new Date(),
      },
    });
    await tx.audit(
      `claim.${input.decision}`,
      { type: "claim", id: claim.id },
      { certId: claim.certId, reason: input.reason || null },
    );
  });
}
