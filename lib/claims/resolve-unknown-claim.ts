// For a TrustedForm 4.0 claim whose answer was lost ("unknown"): 4.0 documents no way to look an earlier answer up,
// so Certdesk never asks again or resends by itself (a second request is billed again). A reviewer checks the
// certificate in TrustedForm's portal and records what they found, with a note; the audit log keeps who and why.
// "Not claimed" frees the certificate to be claimed anew.
import { z } from "zod";
import { memberOf } from "@/lib/core/actor";
import { isUuid } from "@/lib/core/ids";
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";

export const resolveUnknownInput = z.object({
  claimId: z.string().max(64),
  found: z.enum(["claimed", "not_claimed"], { message: "Say whether TrustedForm shows the claim." }),
  note: z.string().trim().min(3, "Say what you checked (a few words).").max(1000),
});

export async function resolveUnknownClaim(
  context: TenantContext,
  input: z.infer<typeof resolveUnknownInput>,
): Promise<void> {
  const member = memberOf(context.actor);
  const checked = resolveUnknownInput.safeParse(input);
  if (!checked.success) throw new UserFacingError(checked.error.issues[0]?.message ?? "Check the form.");
  if (!isUuid(input.claimId)) throw new UserFacingError("That claim was not found.", "not_found");
  await context.transaction(async (tx) => {
    const claim = await tx.db.claim.findUnique({
      where: { id: input.claimId },
      select: { id: true, status: true, certId: true, apiVersion: true },
    });
    if (!claim) throw new UserFacingError("That claim was not found.", "not_found");
    if (claim.status !== "unknown")
      throw new UserFacingError("Only a claim whose answer was lost can be resolved this way.", "conflict");
    const note = `${member.email} checked TrustedForm: ${
      input.found === "claimed" ? "the certificate was retained" : "it was not retained"
    } (“${checked.data.note}”).`;
    await tx.db.claim.update({
      where: { id: claim.id },
      data:
        input.found === "claimed"
          ? {
              status: "claimed",
              claimedAt: new Date(),
              errorKind: "review_note",
              errorMessage: note,
              hasWarnings: true,
            }
          : { status: "failed", errorKind: "resolved_not_claimed", errorMessage: note },
    });
    await tx.audit(
      input.found === "claimed" ? "claim.claimed" : "claim.failed",
      { type: "claim", id: claim.id },
      { certId: claim.certId, settledBy: "reviewer", note: checked.data.note },
    );
  });
}
