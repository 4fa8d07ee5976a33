// The intent of one 4.0 claim, checked before anything is queued or sent: the request the row's fingerprints,
// reference, vendor and policy make (claim-request-v4.ts), the policy's rules and why it is not retained. A request
// TrustedForm would refuse (nothing to ask, or a value it does not take) is refused here, in words, so a bulk file's
// bad row is refused at upload like any other bad row and nothing is billed.
import { buildV4Body } from "@/lib/trustedform/v4/build-v4-request";
import type { ClaimIntentV4 } from "./claim-intent-v4";
import type { ClaimPolicyV4 } from "./claim-policy-v4";
import { claimRequestV4, notRetainedReason, type ClaimRequestInput } from "./claim-request-v4";

/** What a claim asks of 4.0 without a policy: lead matching and Retain only. */
export const NO_POLICY_V4: ClaimPolicyV4 = { insightsProperties: [], verify: null, rules: [] };

export const NOTHING_TO_ASK_V4 =
  "Nothing to ask TrustedForm 4.0 for this row: it has no email or phone to match and retain the certificate with, and the policy asks for no Insights, Verify or scan terms. Add the lead's email or phone, or choose a policy that asks for more.";

export type ClaimIntentResult = { ok: true; intent: ClaimIntentV4 } | { ok: false; reason: string };

export function buildClaimIntentV4(input: ClaimRequestInput, policy: ClaimPolicyV4): ClaimIntentResult {
  const v4 = claimRequestV4(input, policy);
  if (Object.keys(v4).length === 0) return { ok: false, reason: NOTHING_TO_ASK_V4 };
  const built = buildV4Body(v4);
  if (!built.ok) return { ok: false, reason: `Nothing would be sent: ${built.reason}` };
  return { ok: true, intent: { v4, rules: policy.rules, notRetained: notRetainedReason(input) } };
}
