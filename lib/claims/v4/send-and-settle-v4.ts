// Sends one 4.0 claim and turns whatever happens into the row's final state, by the money rules for 4.0: any 2xx
// means the work was done and billed (4.0 answers 200 for success and failure), so it is "claimed"; a request that
// provably never left is retried; a lost answer (timeout, dropped connection, 5xx) is "unknown" and never sent again
// automatically: 4.0 documents no way to look an earlier answer up, and a second retain is billed again, so a
// reviewer decides. Never throws. Shared by a single claim and the bulk worker's runners.
import { componentLogger, logError } from "@/lib/log/logger";
import { countClaim } from "@/lib/metrics/metrics";
import { OutboundRefusedError } from "@/lib/outbound/outbound-errors";
import { ClaimNotSentError, ClaimOutcomeUnknownError } from "@/lib/trustedform/claim-certificate";
import {
  claimCertificateV4,
  TrustedFormV4Error,
  V4RequestInvalidError,
} from "@/lib/trustedform/v4/claim-certificate-v4";
import type { Settlement } from "../claim-settlement";
import type { ClaimIntentV4 } from "./claim-intent-v4";
import { claimedSettlementV4 } from "./claim-settlement-v4";

const NOT_SENT_RETRIES = 2;

export const UNKNOWN_V4_MESSAGE =
  "No answer came back from TrustedForm 4.0, so Certdesk cannot tell whether the certificate was retained and billed. TrustedForm 4.0 documents no way to look an earlier answer up, so Certdesk will not send it again by itself: sending again is billed again. Check the certificate in TrustedForm's portal, then mark it here or claim anew.";

/** Counts every settled claim (certdesk_claims_total, version 4.0). */
export async function sendAndSettleV4(input: Parameters<typeof settle>[0]): Promise<Settlement> {
  const settlement = await settle(input);
  countClaim("4.0", settlement.status);
  return settlement;
}

async function settle(input: {
  url: string;
  apiKey: string | null;
  intent: ClaimIntentV4;
}): Promise<Settlement> {
  const { url, apiKey, intent } = input;
  if (!apiKey)
    return {
      status: "failed",
      errorKind: "no_key",
      errorMessage:
        "No TrustedForm API key is saved. An admin adds it in Settings > Connections; nothing was claimed.",
    };
  let requestStarted = false;
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        requestStarted = true;
        const answer = await claimCertificateV4(url, apiKey, intent.v4);
        return claimedSettlementV4(answer, intent.rules, intent.notRetained);
      } catch (error) {
        if (error instanceof ClaimNotSentError && attempt < NOT_SENT_RETRIES) {
          await new Promise((resolve) => setTimeout(resolve, 300 * (attempt + 1)));
          continue;
        }
        if (error instanceof ClaimNotSentError)
          return {
            status: "failed",
            errorKind: "unreachable",
            errorMessage: "TrustedForm could not be reached, so nothing was claimed. Try again in a moment.",
          };
        if (error instanceof V4RequestInvalidError)
          return {
            status: "failed",
            errorKind: "invalid_request",
            errorMessage: `Nothing was sent: ${error.message}`,
          };
        if (error instanceof TrustedFormV4Error)
          return { status: "failed", errorKind: error.kind, errorMessage: error.message };
        if (error instanceof OutboundRefusedError)
          return {
            status: "failed",
            errorKind: "refused_target",
            errorMessage: `Nothing was claimed: ${error.message}`,
          };
        if (error instanceof ClaimOutcomeUnknownError)
          return { status: "unknown", errorKind: "no_answer", errorMessage: UNKNOWN_V4_MESSAGE };
        throw error;
      }
    }
  } catch (error) {
    logError(componentLogger("claims"), "a 4.0 claim (settled as an error)", error);
    return requestStarted
      ? { status: "unknown", errorKind: "internal", errorMessage: UNKNOWN_V4_MESSAGE }
      : {
          status: "failed",
          errorKind: "internal",
          errorMessage: "Certdesk could not send the claim. Nothing was claimed; tell your admin.",
        };
  }
}
