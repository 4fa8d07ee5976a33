// What a 4.0 answer writes on its claim: any 2xx means the work was done and billed (4.0 answers 200 for success and
// failure alike), so the claim is "claimed" whatever the outcome; the facts reviewers filter on are copied into
// columns, and the policy's rules give the verdict (a recommendation: the reviewer decides).
import type { V4Answer } from "@/lib/trustedform/v4/claim-certificate-v4";
import { evaluatePolicyRules, type PolicyRule } from "@/lib/trustedform/v4/evaluate-policy-rules";
import { verifyFailuresIn } from "@/lib/trustedform/v4/read-v4-response";

export function claimedSettlementV4(answer: V4Answer, rules: PolicyRule[], notRetained: string | null) {
  const { response, unreadable } = answer.reading;
  const scans = response.insights?.scans ?? null;
  const match = response.match_lead;
  const properties = response.insights?.properties ?? null;
  const verdict = rules.length ? evaluatePolicyRules(response, rules) : null;
  const notes = claimNotesV4(answer, notRetained);
  return {
    status: "claimed" as const,
    apiVersion: "v4_0" as const,
    outcome: response.outcome === "success" || response.outcome === "failure" ? response.outcome : null,
    requiredFound: scans?.required_found.length ?? 0,
    requiredTotal: scans ? scans.required_found.length + scans.required_not_found.length : 0,
    forbiddenFound: scans?.forbidden_found.length ?? 0,
    fingerprintMatch: match ? match.success : null,
    emailMatch: match?.email_match ?? null,
    phoneMatch: match?.phone_match ?? null,
    retainedUntil: validDate(response.retain?.expires_at ?? null),
    previouslyRetained: response.retain?.previously_retained ?? null,
    botDetected: properties?.bot_detected ?? null,
    oneToOne: response.verify?.one_to_one ?? null,
    languageApproved: response.verify?.language_approved ?? null,
    secondsOnPage: properties?.seconds_on_page ?? null,
    verdict: verdict?.verdict ?? null,
    verdictRules: verdict
      ? verdict.rules.map(({ rule, passed, known, words }) => ({ rule: { ...rule }, passed, known, words }))
      : undefined,
    request: answer.sent as object,
    warnings: [] as string[],
    hasWarnings: notes.length > 0 || unreadable.length > 0,
    response: answer.raw as object,
    claimedAt: new Date(),
    errorKind: notes.length ? "review_note" : null,
    errorMessage: notes.length ? notes.join(" ") : null,
  };
}

/** Words for what a reviewer must know about a 4.0 answer beyond its blocks. */
export function claimNotesV4(
  answer: Pick<V4Answer, "status" | "reading">,
  notRetained: string | null,
): string[] {
  const { response, unreadable } = answer.reading;
  const notes: string[] = [];
  if (unreadable.length)
    notes.push(
      `TrustedForm answered HTTP ${answer.status}, so the work was done and billed, but Certdesk could not read part of its answer (${unreadable.join("; ")}). The raw answer is kept with this claim.`,
    );
  if (response.outcome === "error")
    notes.push(
      `TrustedForm reported the outcome "error"${response.reason ? ` (${response.reason})` : ""}: an operation could not run. Certdesk does not send it again by itself; check the certificate in TrustedForm first.`,
    );
  if (verifyFailuresIn(response.reason).includes("unavailable"))
    notes.push(
      "Verify is not in this TrustedForm account's plan, so consent language and 1:1 consent were not checked.",
    );
  if (notRetained) notes.push(notRetained);
  return notes;
}

function validDate(text: string | null): Date | null {
  if (!text) return null;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date;
}
