// A claim row's final state (its "settlement"), as every way of claiming writes it: claimed after a 2xx, failed
// (nothing was claimed) or unknown (the answer was lost). A 2xx is always "claimed": TrustedForm billed it, whatever
// the body holds.
import type { Prisma } from "@/generated/prisma/client";
import type { ClaimAnswer } from "@/lib/trustedform/claim-certificate";
import type { claimedSettlementV4 } from "./v4/claim-settlement-v4";

export type Settlement =
  | ReturnType<typeof claimedSettlement>
  | ReturnType<typeof claimedSettlementV4>
  | { status: "failed" | "unknown"; errorKind: string; errorMessage: string };

/**
 * The row's state after a 2xx. The raw body is stored as received; what could not be read, an `error` outcome, or a
 * missing fingerprint result becomes a note in errorMessage (shown on the claim page, in the list and the CSV) and
 * flags the claim for review (hasWarnings).
 */
export function claimedSettlement(answer: ClaimAnswer, gaveContact: boolean) {
  const { response } = answer.reading;
  const scans = response.scans;
  const fingerprintCount = response.fingerprints
    ? response.fingerprints.matching.length + response.fingerprints.non_matching.length
    : 0;
  const notes = claimNotes(answer, gaveContact);
  return {
    status: "claimed" as const,
    // The outcome column holds success or failure; `error` and an unreadable outcome stay null (see the note).
    outcome: response.outcome === "success" || response.outcome === "failure" ? response.outcome : null,
    requiredFound: scans?.required_found.length ?? 0,
    requiredTotal: scans ? scans.required_found.length + scans.required_not_found.length : 0,
    forbiddenFound: scans?.forbidden_found.length ?? 0,
    // null when no email or phone was given, or when TrustedForm returned no fingerprint result to judge by.
    fingerprintMatch: gaveContact && fingerprintCount > 0 ? response.fingerprints!.matching.length > 0 : null,
    warnings: response.warnings,
    hasWarnings: response.warnings.length > 0 || notes.length > 0,
    // A 2xx body is JSON (or was stored as the text it was): what TrustedForm sent, kept as is.
    response: answer.raw as Prisma.InputJsonValue,
    claimedAt: new Date(),
    errorKind: notes.length ? "review_note" : null,
    errorMessage: notes.length ? notes.join(" ") : null,
  };
}

/** Words for what a reviewer must know about a 2xx answer that is not the plain documented shape. */
export function claimNotes(answer: Pick<ClaimAnswer, "status" | "reading">, gaveContact: boolean): string[] {
  const { response, unreadable } = answer.reading;
  const notes: string[] = [];
  if (unreadable.length)
    notes.push(
      `TrustedForm answered HTTP ${answer.status}, so the claim was made and billed, but Certdesk could not read part of its answer (${unreadable.join("; ")}). The raw answer is kept with this claim.`,
    );
  if (response.outcome === "error")
    notes.push(
      `TrustedForm reported the outcome "error"${response.reason ? ` (${response.reason})` : ""}: its documentation says the certificate may not have been claimed. Certdesk does not claim it again by itself, since the answer was a ${answer.status}; check the certificate in TrustedForm before claiming anew.`,
    );
  if (gaveContact && !response.fingerprints)
    notes.push(
      "TrustedForm returned no fingerprint result at all, so the lead's email and phone were not checked against the certificate.",
    );
  return notes;
}
