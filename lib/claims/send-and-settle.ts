// Sends one claim to TrustedForm and turns whatever happens into the row's final state, by the money rules
// (architecture.md): the call is retried only when it provably never left; a lost answer or a 5xx is settled with a
// GET (which never claims); nothing is ever sent twice behind the user's back, and the row never stays "sending".
// Shared by a single claim (claim-one.ts) and the bulk worker's runners (claim-batch-rows.ts).
import { componentLogger, logError } from "@/lib/log/logger";
import { countClaim } from "@/lib/metrics/metrics";
import { OutboundRefusedError } from "@/lib/outbound/outbound-errors";
import {
  ClaimNotSentError,
  ClaimOutcomeUnknownError,
  claimCertificate,
  TrustedFormClaimError,
  viewClaim,
  type ClaimRequest,
} from "@/lib/trustedform/claim-certificate";
import { claimedSettlement, type Settlement } from "./claim-settlement";

const NOT_SENT_RETRIES = 2;

/** Counts every settled claim (certdesk_claims_total, version 3.0). */
export async function sendAndSettle(input: Parameters<typeof settle>[0]): Promise<Settlement> {
  const settlement = await settle(input);
  countClaim("3.0", settlement.status);
  return settlement;
}

/** Never throws: an unexpected error becomes "unknown" once the request may have started, "failed" before. */
async function settle(input: {
  url: string;
  apiKey: string | null;
  request: ClaimRequest;
  gaveContact: boolean;
}): Promise<Settlement> {
  const { url, apiKey, request, gaveContact } = input;
  if (!apiKey) {
    return {
      status: "failed",
      errorKind: "no_key",
      errorMessage:
        "No TrustedForm API key is saved. An admin adds it in Settings > Connections; nothing was claimed.",
    };
  }
  let requestStarted = false;
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        requestStarted = true;
        return claimedSettlement(await claimCertificate(url, apiKey, request), gaveContact);
      } catch (error) {
        if (error instanceof ClaimNotSentError && attempt < NOT_SENT_RETRIES) {
          await new Promise((resolve) => setTimeout(resolve, 300 * (attempt + 1)));
          continue;
        }
        if (error instanceof ClaimNotSentError) {
          return {
            status: "failed",
            errorKind: "unreachable",
            errorMessage: "TrustedForm could not be reached, so nothing was claimed. Try again in a moment.",
          };
        }
        if (error instanceof TrustedFormClaimError)
          return { status: "failed", errorKind: error.kind, errorMessage: error.message };
        if (error instanceof OutboundRefusedError)
          return {
            status: "failed",
            errorKind: "refused_target",
            errorMessage: `Nothing was claimed: ${error.message}`,
          };
        if (error instanceof ClaimOutcomeUnknownError) {
          const seen = await viewClaim(url, apiKey).catch(() => null);
          if (seen) return claimedSettlement(seen, gaveContact);
          return {
            status: "unknown",
            errorKind: "no_answer",
            errorMessage:
              "No answer came back from TrustedForm, and it shows no claim yet. Use Check again before claiming anew: the claim may still arrive.",
          };
        }
        throw error;
      }
    }
  } catch (error) {
    logError(componentLogger("claims"), "a claim (settled as an error)", error);
    return requestStarted
      ? {
          status: "unknown",
          errorKind: "internal",
          errorMessage:
            "Certdesk failed while the claim was under way. Use Check again before claiming anew.",
        }
      : {
          status: "failed",
          errorKind: "internal",
          errorMessage: "Certdesk could not send the claim. Nothing was claimed; tell your admin.",
        };
  }
}
