// For a claim whose answer was lost ("unknown"): asks TrustedForm with a GET, which never claims, whether the claim
// happened. If it did, the row is settled as claimed from that answer, with its audit entry; otherwise it stays
// unknown for a person to decide.
import { environmentOfOrigin } from "@/lib/connections/environment-of-origin";
import type { TenantContext } from "@/lib/core/tenant-context";
import { isUuid } from "@/lib/core/ids";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { withTenantSecret } from "@/lib/secrets/with-tenant-secret";
import { viewClaim } from "@/lib/trustedform/claim-certificate";
import { claimedSettlement } from "./claim-settlement";

export async function recheckClaim(
  context: TenantContext,
  claimId: string,
): Promise<"claimed" | "still_unknown"> {
  const claim = isUuid(claimId) ? await context.db.claim.findUnique({ where: { id: claimId } }) : null;
  if (!claim || claim.status !== "unknown")
    throw new UserFacingError("Only a claim whose answer was lost can be checked again.", "conflict");
  // The key of the environment the claim was sent to (its URL's origin), and only if that origin is still allowed.
  const environment = environmentOfOrigin("trustedform", claim.certUrl);
  if (!environment)
    throw new UserFacingError(
      "This claim was sent to a TrustedForm sandbox this deployment no longer allows, so Certdesk cannot ask it again.",
      "conflict",
    );
  const seen = await withTenantSecret(context, "trustedform.api_key", environment, async (apiKey) =>
    apiKey ? viewClaim(claim.certUrl, apiKey) : null,
  );
  if (!seen) return "still_unknown";
  await context.transaction(async (tx) => {
    await tx.db.claim.update({
      where: { id: claim.id },
      data: claimedSettlement(seen, Boolean(claim.emailFingerprint || claim.phoneFingerprint)),
    });
    await tx.audit(
      "claim.claimed",
      { type: "claim", id: claim.id },
      { certId: claim.certId, settledBy: "recheck" },
    );
  });
  return "claimed";
}
