// The 4.0 request of one claim: lead matching with fingerprints (never raw contact data, as with 3.0), Retain with
// the claim's reference and vendor (Retain needs lead matching, so a claim without email or phone is not retained
// and says so), Insights with the policy's data points and scans, Verify with its criteria.
import type { ScanTerm } from "@/lib/trustedform/claim-certificate";
import type { V4Request } from "@/lib/trustedform/v4/build-v4-request";
import type { ClaimPolicyV4 } from "./claim-policy-v4";

export interface ClaimRequestInput {
  emailFingerprint: string | null;
  phoneFingerprint: string | null;
  reference: string | null;
  vendor: string | null;
  required: ScanTerm[];
  forbidden: ScanTerm[];
  scanDelimiter: string | null;
}

export function claimRequestV4(input: ClaimRequestInput, policy: ClaimPolicyV4): V4Request {
  const hasContact = Boolean(input.emailFingerprint || input.phoneFingerprint);
  const scans =
    input.required.length || input.forbidden.length
      ? {
          ...(input.required.length ? { required: input.required } : {}),
          ...(input.forbidden.length ? { forbidden: input.forbidden } : {}),
          ...(input.scanDelimiter ? { delimiter: input.scanDelimiter } : {}),
        }
      : undefined;
  return {
    ...(hasContact
      ? {
          matchLead: {
            ...(input.emailFingerprint ? { emailFingerprint: input.emailFingerprint } : {}),
            ...(input.phoneFingerprint ? { phoneFingerprint: input.phoneFingerprint } : {}),
          },
          retain: {
            ...(input.reference ? { reference: input.reference } : {}),
            ...(input.vendor ? { vendor: input.vendor } : {}),
          },
        }
      : {}),
    ...(policy.insightsProperties.length || scans
      ? { insights: { properties: policy.insightsProperties, ...(scans ? { scans } : {}) } }
      : {}),
    ...(policy.verify ? { verify: policy.verify } : {}),
  };
}

/** Why a 4.0 claim was not retained, in words for the claim page; null when it was asked to be. */
export function notRetainedReason(input: Pick<ClaimRequestInput, "emailFingerprint" | "phoneFingerprint">) {
  return input.emailFingerprint || input.phoneFingerprint
    ? null
    : "Not retained: TrustedForm 4.0 retains a certificate only together with lead matching, which needs the lead's email or phone.";
}
