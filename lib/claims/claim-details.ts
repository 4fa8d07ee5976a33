import { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { tenantDb, type TenantScope } from "@/lib/db/tenant-scope";
import type { MemberActor } from "@/lib/members/member-actor";
import { TRUSTEDFORM_ORIGIN } from "@/lib/trustedform/certificate-url";
import { readClaimResponse } from "@/lib/trustedform/read-claim-response";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { isUuid } from "@/lib/core/ids";
import { scanTermSchema, termLabel } from "./scan-terms";

/**
 * One claim of the scope's tenant, or null (another tenant's id is "not found" like a missing one). The stored
 * answer is the raw body; it is read leniently here, so a shape Certdesk cannot fully read still shows everything it
 * can, and lists what it could not (`unreadable`). The raw body itself is shown only when it came from TrustedForm
 * (https://cert.trustedform.com): what a sandbox host answered is kept in the database but never echoed to users
 * (the outbound rule: no remote body reaches the user).
 */
export async function getClaim(scope: TenantScope, id: string) {
  if (!isUuid(id)) return null;
  const claim = await tenantDb(scope).claim.findUnique({ where: { id } });
  if (!claim) return null;
  const reading = claim.response === null ? null : readClaimResponse(claim.response);
  const terms = z.array(scanTermSchema);
  return {
    ...claim,
    rawResponse: claim.certUrl.startsWith(`${TRUSTEDFORM_ORIGIN}/`) ? claim.response : null,
    response: reading?.response ?? null,
    unreadable: reading?.unreadable ?? [],
    requiredTerms: terms.parse(claim.requiredTerms).map(termLabel),
    forbiddenTerms: terms.parse(claim.forbiddenTerms).map(termLabel),
  };
}

export const decisionInput = z
  .object({
    claimId: z.string(),
    decision: z.enum(["accepted", "rejected"]),
    reason: z.string().trim().max(1000).optional(),
  })
  .refine((input) => input.decision === "accepted" || (input.reason ?? "").length >= 3, {
    message: "Say why the claim is rejected (a few words).",
  });

export async function decideClaim(actor: MemberActor, input: z.infer<typeof decisionInput>): Promise<void> {
  const checked = decisionInput.safeParse(input);
  if (!checked.success) throw new UserFacingError(checked.error.issues[0]?.message ?? "Check the decision.");
  if (!isUuid(input.claimId)) throw new UserFacingError("That claim was not found.", "not_found");
  await tenantDb(actor).$transaction(async (tx) => {
    const claim = await tx.claim.findUnique({
      where: { id: input.claimId },
      select: { id: true, status: true, certId: true },
    });
    if (!claim) throw new UserFacingError("That claim was not found.", "not_found");
    if (claim.status !== "claimed")
      throw new UserFacingError("Only a claimed certificate can be accepted or rejected.", "conflict");
    await tx.claim.update({
      where: { id: claim.id },
      data: {
        decision: input.decision,
        decisionReason: input.reason || null,
        decidedByEmail: actor.actorEmail,
        decidedAt: new Date(),
      },
    });
    await appendAuditEntry(
      {
        tenantId: actor.tenantId,
        actorId: actor.actorId,
        actorEmail: actor.actorEmail,
        action: `claim.${input.decision}`,
        targetType: "claim",
        targetId: claim.id,
        details: { certId: claim.certId, reason: input.reason || null },
      },
      tx,
    );
  });
}
