// A reviewer's decision on a claimed certificate: accepted, or rejected with a reason. A person decides, or an API
// token an admin gave the decisions:write scope (recorded under the token's name), never Certdesk itself; the
// decision and its audit entry commit together. A policy's verdict (TrustedForm 4.0) is a recommendation: deciding
// against it (accepting a claim that fails its policy, or rejecting one that passes) needs a reason too, and the
// audit entry says the decision went against the verdict.
import { z } from "zod";
import { deciderOf } from "@/lib/core/actor";
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
  const decider = deciderOf(context.actor);
  const checked = decisionInput.safeParse(input);
  if (!checked.success) throw new UserFacingError(checked.error.issues[0]?.message ?? "Check the decision.");
  if (!isUuid(input.claimId)) throw new UserFacingError("That claim was not found.", "not_found");
  await context.transaction(async (tx) => {
    const claim = await tx.db.claim.findUnique({
      where: { id: input.claimId },
      select: { id: true, status: true, certId: true, verdict: true },
    });
    if (!claim) throw new UserFacingError("That claim was not found.", "not_found");
    if (claim.status !== "claimed")
      throw new UserFacingError("Only a claimed certificate can be accepted or rejected.", "conflict");
    const againstVerdict =
      (claim.verdict === "fail" && input.decision === "accepted") ||
      (claim.verdict === "pass" && input.decision === "rejected");
    if (againstVerdict && (input.reason ?? "").trim().length < 3)
      throw new UserFacingError(
        claim.verdict === "fail"
          ? "This claim fails its policy's rules: say why you accept it anyway (a few words)."
          : "Say why the claim is rejected (a few words).",
      );
    await tx.db.claim.update({
      where: { id: claim.id },
      data: {
        decision: input.decision,
        decisionReason: input.reason || null,
        decidedByEmail: decider,
        decidedAt: new Date(),
      },
    });
    await tx.audit(
      `claim.${input.decision}`,
      { type: "claim", id: claim.id },
      {
        certId: claim.certId,
        reason: input.reason || null,
        ...(claim.verdict ? { verdict: claim.verdict, againstVerdict } : {}),
      },
    );
  });
}
