// The body of a TrustedForm 4.0 request (trustedform-v4.md): any mix of `match_lead`, `retain`, `insights` and
// `verify`. Lead matching sends SHA-1 fingerprints of the normalised email and phone by default (the recipe of
// ../fingerprint.ts, which the service documents for 4.0 too), so no raw contact data leaves Certdesk; raw values are
// sent only when a caller asks for them. A request the service would refuse (retain without match_lead, no
// operation, an unknown Insights property, an opt-in type the API does not name) is refused here, before anything
// is sent or billed.
import { emailFingerprint, phoneFingerprint } from "../fingerprint";
import type { ScanTerm } from "../claim-certificate";

import { INSIGHTS_PROPERTIES, OPT_IN_TYPES, type InsightsProperty, type OptInType } from "./v4-vocabulary";

export { INSIGHTS_PROPERTIES, OPT_IN_TYPES, type InsightsProperty, type OptInType };

/** Verify criteria; each may instead be set in the TrustedForm account's verification criteria. */
export interface VerifyCriteria {
  advertiser_name?: string;
  min_font_size_px_required?: number;
  min_contrast_ratio_required?: number;
  opt_in_types_allowed?: OptInType[];
}

export interface MatchLeadInput {
  email?: string;
  phone?: string;
  /** Already SHA-1 hex fingerprints (e.g. kept from an earlier step); sent as they are. */
  emailFingerprint?: string;
  phoneFingerprint?: string;
  /** Send the email and phone as given instead of their fingerprints. Off by default. */
  sendRawValues?: boolean;
}

export interface InsightsScans {
  required?: ScanTerm[];
  forbidden?: ScanTerm[];
  delimiter?: string;
}

export interface V4Request {
  matchLead?: MatchLeadInput;
  retain?: { reference?: string; vendor?: string; campaignId?: string };
  insights?: { properties: InsightsProperty[]; scans?: InsightsScans };
  verify?: VerifyCriteria;
}

export type V4Body = Record<string, Record<string, unknown>>;
export type V4BodyResult = { ok: true; body: V4Body } | { ok: false; reason: string };

const SHA1_HEX = /^[0-9a-f]{40}$/i;

function matchLeadBody(input: MatchLeadInput): Record<string, string> | string {
  const body: Record<string, string> = {};
  for (const [name, raw, given, hash] of [
    ["email", input.email, input.emailFingerprint, emailFingerprint],
    ["phone", input.phone, input.phoneFingerprint, phoneFingerprint],
  ] as const) {
    if (given !== undefined && given.trim() !== "") {
      if (!SHA1_HEX.test(given.trim())) return `The ${name} fingerprint is not a SHA-1 hex digest.`;
      body[name] = given.trim().toLowerCase();
    } else if (raw !== undefined && raw.trim() !== "") {
      // A phone with no digit would fingerprint the empty text, which matches nothing anyone typed.
      if (name === "phone" && !/\d/.test(raw)) return "The phone number has no digits.";
      body[name] = input.sendRawValues ? raw.trim() : hash(raw);
    }
  }
  return body;
}

function scanTermsBody(terms: ScanTerm[] | undefined): ScanTerm | ScanTerm[] | undefined {
  const kept = (terms ?? []).filter((term) => typeof term !== "string" || term.trim() !== "");
  if (kept.length === 0) return undefined;
  return kept;
}

/** Never throws: a request the API would refuse comes back as `{ ok: false, reason }` in words. */
export function buildV4Body(request: V4Request): V4BodyResult {
  const body: V4Body = {};
  if (request.matchLead) {
    const matchLead = matchLeadBody(request.matchLead);
    if (typeof matchLead === "string") return { ok: false, reason: matchLead };
    if (Object.keys(matchLead).length === 0)
      return { ok: false, reason: "Lead matching needs the lead's email or phone." };
    body.match_lead = matchLead;
  }
  if (request.retain) {
    if (!body.match_lead)
      return {
        ok: false,
        reason:
          "TrustedForm 4.0 retains a certificate only with lead matching: give the lead's email or phone.",
      };
    const retain: Record<string, string> = {};
    if (request.retain.reference) retain.reference = request.retain.reference;
    if (request.retain.vendor) retain.vendor = request.retain.vendor;
    if (request.retain.campaignId) retain.campaign_id = request.retain.campaignId;
    body.retain = retain;
  }
  if (request.insights) {
    const properties = [...new Set(request.insights.properties)];
    const unknown = properties.filter((p) => !(INSIGHTS_PROPERTIES as readonly string[]).includes(p));
    if (unknown.length)
      return { ok: false, reason: `Unknown Insights properties: ${unknown.map(String).join(", ")}.` };
    const scans: Record<string, unknown> = {};
    const required = scanTermsBody(request.insights.scans?.required);
    const forbidden = scanTermsBody(request.insights.scans?.forbidden);
    if (required) scans.required = required;
    if (forbidden) scans.forbidden = forbidden;
    if ((required || forbidden) && request.insights.scans?.delimiter)
      scans.delimiter = request.insights.scans.delimiter;
    if (properties.length === 0 && !required && !forbidden)
      return { ok: false, reason: "Insights needs at least one property or one scan term." };
    body.insights = { properties, ...(Object.keys(scans).length ? { scans } : {}) };
  }
  if (request.verify) {
    const criteria = request.verify;
    const verify: Record<string, unknown> = {};
    if (criteria.advertiser_name?.trim()) verify.advertiser_name = criteria.advertiser_name.trim();
    for (const name of ["min_font_size_px_required", "min_contrast_ratio_required"] as const) {
      const value = criteria[name];
      if (value === undefined) continue;
      if (!Number.isFinite(value) || value <= 0)
        return { ok: false, reason: `${name} must be a positive number.` };
      verify[name] = value;
    }
    if (criteria.opt_in_types_allowed) {
      const wrong = criteria.opt_in_types_allowed.filter(
        (t) => !(OPT_IN_TYPES as readonly string[]).includes(t),
      );
      if (wrong.length)
        return {
          ok: false,
          reason: `Opt-in types are ${OPT_IN_TYPES.join(", ")}; not ${wrong.map(String).join(", ")}.`,
        };
      if (criteria.opt_in_types_allowed.length)
        verify.opt_in_types_allowed = [...new Set(criteria.opt_in_types_allowed)];
    }
    body.verify = verify;
  }
  if (Object.keys(body).length === 0)
    return { ok: false, reason: "A TrustedForm 4.0 request needs at least one operation." };
  return { ok: true, body };
}
