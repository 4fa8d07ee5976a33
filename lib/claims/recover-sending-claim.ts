// A claim left "sending" by a worker or a request that died: its request may or may not have happened, and a GET
// (which never claims) tells. Claimed: settled from the GET. Not claimed: a batch row is queued again (its request
// is long over), a single claim becomes "unknown" for a person to check. No answer: left as it is for the next
// sweep. A TrustedForm 4.0 claim has no documented GET: it becomes "unknown" at once, never queued or sent again
// (sending again is billed again), for a reviewer to decide. The caller (lib/jobs) knows no request for it is under
// way, and hands a context acting for its creator.
import type { TenantContext } from "@/lib/core/tenant-context";
import { environmentOfOrigin } from "@/lib/connections/environment-of-origin";
import { withTenantSecret } from "@/lib/secrets/with-tenant-secret";
import { viewClaim } from "@/lib/trustedform/claim-certificate";
import { claimedSettlement, type Settlement } from "./claim-settlement";
import { UNKNOWN_V4_MESSAGE } from "./v4/send-and-settle-v4";

export interface SendingClaim {
  id: string;
  certId: string;
  certUrl: string;
  batchId: string | null;
  emailFingerprint: string | null;
  phoneFingerprint: string | null;
  apiVersion: "v3_0" | "v4_0";
}

export async function recoverSendingClaim(context: TenantContext, claim: SendingClaim): Promise<void> {
  if (claim.apiVersion === "v4_0")
    return settle(context, claim, {
      status: "unknown",
      errorKind: "no_answer",
      errorMessage: UNKNOWN_V4_MESSAGE,
    });
  // Asked with the key of the environment the row was sent to; an origin no longer allowed is not asked at all.
  const environment = environmentOfOrigin("trustedform", claim.certUrl);
  if (!environment) return;
  const seen = await withTenantSecret(context, "trustedform.api_key", environment, async (apiKey) =>
    apiKey ? viewClaim(claim.certUrl, apiKey) : null,
  ).catch(() => undefined);
  if (seen === undefined) return;
  if (seen) {
    await settle(
      context,
      claim,
      claimedSettlement(seen, Boolean(claim.emailFingerprint || claim.phoneFingerprint)),
    );
  } else if (claim.batchId) {
    await context.db.claim.updateMany({
      where: { id: claim.id, status: "sending" },
      data: { status: "queued", lockedAt: null },
    });
  } else {
    await settle(context, claim, {
      status: "unknown",
      errorKind: "no_answer",
      errorMessage:
        "Certdesk stopped while this claim was under way, and TrustedForm shows no claim yet. Use Check again before claiming anew.",
    });
  }
}

/** The row's final state and its audit entry ("via": "recovery"), together. */
async function settle(context: TenantContext, claim: SendingClaim, settlement: Settlement): Promise<void> {
  await context.transaction(async (tx) => {
    await tx.db.claim.update({ where: { id: claim.id }, data: { ...settlement, lockedAt: null } });
    await tx.audit(
      settlement.status === "claimed" ? "claim.claimed" : `claim.${settlement.status}`,
      { type: "claim", id: claim.id },
      { certId: claim.certId, status: settlement.status, via: "recovery" },
    );
  });
}
