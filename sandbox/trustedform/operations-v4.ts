// TrustedForm 4.0 in the simulator (../shared/docs/trustedform-v4.md): one request runs any mix of `match_lead`,
// `retain`, `insights` and `verify` on a certificate and answers 200 with the overall `outcome` and `reason` beside
// each operation's block. Validation problems answer 422 before anything runs or is billed. Where the documents are
// silent the choices are listed in sandbox/README.md ("TrustedForm 4.0").
import crypto from "node:crypto";
import { DEFAULT_APPROVED_LANGUAGES } from "./demo-variants";
import { emailFingerprint, phoneFingerprint } from "./fingerprint";
import { parseScanTerms, scanTerms, snapshotText, type ScanTerm } from "./page-scan";
import type { Account, Certificate, RetainRecord, VerificationCriteria } from "./records";

export type { RetainRecord, VerificationCriteria };

export const INSIGHTS_PROPERTIES = [
  "age_seconds",
  "approx_ip_geo",
  "bot_detected",
  "browser",
  "confirmed_owner",
  "created_at",
  "domain",
  "expires_at",
  "form_input_kpm",
  "form_input_method",
  "form_input_wpm",
  "ip",
  "is_framed",
  "is_masked",
  "num_sensitive_content_elements",
  "num_sensitive_form_elements",
  "os",
  "page_url",
  "parent_page_url",
  "seconds_on_page",
] as const;

export const OPT_IN_TYPES = ["manual", "pre-selected", "non-interactive"] as const;

/** The documented reasons (trustedform-v4.md), in the documented words. */
export const REASONS = {
  scans: "Insights page scans unsuccessful",
  verifyUnavailable: "Unavailable product requested: Verify",
  noLanguage: "Consent language not detected in the certificate",
  notApproved: "Consent languages found were not approved in the account's consent language manager",
  noConsentTags: "This form has not been setup to allow use of One to One Consent Check",
  // Not documented: the simulator's own words (sandbox/README.md).
  noMatch: "Lead match unsuccessful",
  notOneToOne: "Consent was not given to the advertiser one to one",
  fontTooSmall: "Consent language font size is below the minimum required",
  lowContrast: "Consent language contrast ratio is below the minimum required",
  optInNotAllowed: "Consent opt-in type is not allowed",
} as const;

interface Operations {
  match_lead?: { email?: string; phone?: string };
  retain?: { reference?: string; vendor?: string; campaign_id?: string };
  insights?: {
    properties: string[];
    required: ScanTerm[];
    forbidden: ScanTerm[];
    delimiter?: string;
    scans: boolean;
  };
  verify?: VerificationCriteria;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Checks a 4.0 body; `message` answers 422. */
export function parseOperations(
  body: Json,
): { ok: true; operations: Operations } | { ok: false; message: string } {
  const operations: Operations = {};
  const names = ["match_lead", "retain", "insights", "verify"].filter((name) => body[name] !== undefined);
  if (names.length === 0)
    return { ok: false, message: "No operation requested: send match_lead, retain, insights and/or verify." };
  for (const name of names)
    if (!isObject(body[name])) return { ok: false, message: `${name} must be an object.` };

  if (body.match_lead !== undefined) {
    const block = body.match_lead as Json;
    const match: { email?: string; phone?: string } = {};
    for (const key of ["email", "phone"] as const) {
      const value = block[key];
      if (value === undefined || value === null || value === "") continue;
      if (typeof value !== "string") return { ok: false, message: `match_lead.${key} must be a string.` };
      match[key] = value;
    }
    if (!match.email && !match.phone)
      return {
        ok: false,
        message: "match_lead needs an email and/or a phone (raw, or the SHA-1 of its normalised form).",
      };
    operations.match_lead = match;
  }
  if (body.retain !== undefined) {
    if (!operations.match_lead)
      return { ok: false, message: "The retain operation requires the match_lead operation." };
    const block = body.retain as Json;
    const retain: Operations["retain"] = {};
    for (const key of ["reference", "vendor", "campaign_id"] as const) {
      const value = block[key];
      if (value === undefined || value === null) continue;
      if (typeof value !== "string") return { ok: false, message: `retain.${key} must be a string.` };
      retain[key] = value;
    }
    operations.retain = retain;
  }
  if (body.insights !== undefined) {
    const block = body.insights as Json;
    const properties = block.properties ?? [];
    if (!Array.isArray(properties) || properties.some((p) => typeof p !== "string"))
      return { ok: false, message: "insights.properties must be a list of data point names." };
    const unknown = (properties as string[]).filter(
      (p) => !(INSIGHTS_PROPERTIES as readonly string[]).includes(p),
    );
    if (unknown.length)
      return {
        ok: false,
        message: `Unknown insights properties: ${unknown.slice(0, 5).join(", ").slice(0, 200)}.`,
      };
    const scans = block.scans;
    if (scans !== undefined && scans !== null && !isObject(scans))
      return { ok: false, message: "insights.scans must be an object." };
    const required = parseScanTerms(isObject(scans) ? scans.required : undefined);
    const forbidden = parseScanTerms(isObject(scans) ? scans.forbidden : undefined);
    if (typeof required === "string" || typeof forbidden === "string")
      return {
        ok: false,
        message: `Invalid scan terms: ${typeof required === "string" ? required : forbidden}.`,
      };
    const delimiter =
      isObject(scans) && typeof scans.delimiter === "string" && scans.delimiter ? scans.delimiter : undefined;
    if (properties.length === 0 && required.length === 0 && forbidden.length === 0)
      return { ok: false, message: "insights needs at least one property or scan term." };
    operations.insights = {
      properties: [...new Set(properties as string[])],
      required,
      forbidden,
      delimiter,
      scans: isObject(scans),
    };
  }
  if (body.verify !== undefined) {
    const block = body.verify as Json;
    const verify: VerificationCriteria = {};
    if (block.advertiser_name !== undefined && block.advertiser_name !== null) {
      if (typeof block.advertiser_name !== "string")
        return { ok: false, message: "verify.advertiser_name must be a string." };
      if (block.advertiser_name.trim()) verify.advertiser_name = block.advertiser_name;
    }
    for (const key of ["min_font_size_px_required", "min_contrast_ratio_required"] as const) {
      const value = block[key];
      if (value === undefined || value === null) continue;
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0)
        return { ok: false, message: `verify.${key} must be a number.` };
      verify[key] = value;
    }
    const allowed = block.opt_in_types_allowed;
    if (allowed !== undefined && allowed !== null) {
      if (
        !Array.isArray(allowed) ||
        allowed.some((t) => typeof t !== "string" || !(OPT_IN_TYPES as readonly string[]).includes(t))
      )
        return { ok: false, message: `verify.opt_in_types_allowed is a list of ${OPT_IN_TYPES.join(", ")}.` };
      verify.opt_in_types_allowed = allowed as string[];
    }
    operations.verify = verify;
  }
  return { ok: true, operations };
}

const SHA1_HEX = /^[0-9a-f]{40}$/i;

/** A value as sent: the SHA-1 hex of the normalised value, or the raw value fingerprinted as the service does. */
function fingerprintOf(kind: "email" | "phone", value: string): string {
  const text = value.trim();
  if (SHA1_HEX.test(text)) return text.toLowerCase();
  return kind === "email" ? emailFingerprint(text) : phoneFingerprint(text);
}

/** Case-insensitive, redundant spaces and non-alphanumerics ignored ("Acme Inc." = "acme inc"). */
export function normaliseAdvertiser(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9\s]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

const foldLanguage = (text: string) => text.toLowerCase().replace(/\s+/g, " ").trim();

/** An approved entry matches the whole consent text; `{{*}}` in an entry stands for any run of characters. */
export function languageApproved(text: string, approved: string[]): boolean {
  const folded = foldLanguage(text);
  return approved.some((entry) => {
    const parts = foldLanguage(entry)
      .split("{{*}}")
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
    return new RegExp(`^${parts.join(".*?")}$`).test(folded);
  });
}

interface Outcome {
  block: Json;
  success: boolean;
  error?: boolean;
  reasons: string[];
}

function matchLead(certificate: Certificate, match: NonNullable<Operations["match_lead"]>): Outcome {
  const result = (kind: "email" | "phone") => {
    const value = match[kind];
    return value === undefined ? null : certificate.fingerprints.includes(fingerprintOf(kind, value));
  };
  const emailMatch = result("email");
  const phoneMatch = result("phone");
  const success = emailMatch === true || phoneMatch === true;
  return {
    block: { ...match, result: { email_match: emailMatch, phone_match: phoneMatch, success } },
    success,
    reasons: success ? [] : [REASONS.noMatch],
  };
}

function retain(
  certificate: Certificate,
  account: Account,
  input: NonNullable<Operations["retain"]>,
  baseUrl: string,
  now: Date,
): Outcome {
  let record = certificate.retained.find((r) => r.api_key === account.api_key);
  const previouslyRetained = record !== undefined;
  if (!record) {
    record = {
      api_key: account.api_key,
      at: now.toISOString(),
      expires_at: new Date(now.getTime() + (account.retention_days ?? 1825) * 86_400_000).toISOString(),
      reference: input.reference ?? null,
      vendor: input.vendor ?? null,
      campaign_id: input.campaign_id ?? null,
    };
    certificate.retained.push(record);
  }
  return {
    block: {
      ...input,
      results: {
        expires_at: record.expires_at,
        masked_cert_url: `${baseUrl}/${crypto.createHash("sha1").update(`masked:${certificate.cert_id}:${account.api_key}`).digest("hex")}`,
        previously_retained: previouslyRetained,
      },
    },
    success: true,
    reasons: [],
  };
}

/** Every data point for this certificate; null where it is not available (e.g. behaviour on Facebook lead ads). */
export function insightsProperties(certificate: Certificate, now: Date): Record<string, unknown> {
  const facts = certificate.facts as Record<string, unknown> & {
    operating_system: { full: string; name: string; version: unknown };
  };
  const behaviour = certificate.format === "facebook" ? null : certificate.behaviour;
  return {
    age_seconds: Math.max(0, Math.floor((now.getTime() - Date.parse(certificate.created_at)) / 1000)),
    approx_ip_geo: facts.approx_ip_geo,
    bot_detected: behaviour?.bot_detected ?? null,
    browser: facts.browser,
    confirmed_owner: certificate.confirmed_owner,
    created_at: certificate.created_at,
    domain: facts.domain,
    expires_at: certificate.expires_at,
    form_input_kpm: behaviour?.kpm ?? null,
    form_input_method: behaviour?.form_input_method ?? null,
    form_input_wpm: behaviour?.wpm ?? null,
    ip: facts.ip,
    is_framed: facts.is_framed,
    is_masked: certificate.is_masked,
    num_sensitive_content_elements: 0,
    num_sensitive_form_elements: 0,
    os: {
      full: facts.operating_system.full,
      name: facts.operating_system.name,
      is_mobile: facts.is_mobile,
      version: facts.operating_system.version,
    },
    page_url: facts.page_url,
    parent_page_url: facts.parent_page_url,
    seconds_on_page: behaviour?.seconds_on_page ?? null,
  };
}

function insights(certificate: Certificate, input: NonNullable<Operations["insights"]>, now: Date): Outcome {
  const all = insightsProperties(certificate, now);
  const block: Json = {};
  if (input.properties.length)
    block.properties = Object.fromEntries(input.properties.map((name) => [name, all[name] ?? null]));
  if (!input.scans) return { block, success: true, reasons: [] };
  const text = snapshotText(certificate.snapshot_html);
  const required = scanTerms(text, input.required, input.delimiter);
  const forbidden = scanTerms(text, input.forbidden, input.delimiter);
  const success = required.notFound.length === 0 && forbidden.found.length === 0;
  const label = (term: ScanTerm) => (typeof term === "string" ? term : term.template);
  block.scans = {
    forbidden: input.forbidden.map(label),
    required: input.required.map(label),
    result: {
      forbidden: { found: forbidden.found, not_found: forbidden.notFound },
      required: { found: required.found, not_found: required.notFound },
      success,
    },
  };
  return { block, success, reasons: success ? [] : [REASONS.scans] };
}

function verify(certificate: Certificate, account: Account, requested: VerificationCriteria): Outcome {
  // Request values win over the account's verification criteria; the criteria used are echoed.
  const criteria: VerificationCriteria = { ...(account.verification_criteria ?? {}), ...requested };
  const consent = certificate.consent;
  if (account.verify_available === false)
    return {
      block: {
        ...criteria,
        languages: [],
        result: { language_approved: null, one_to_one: null, success: false },
      },
      success: false,
      error: true,
      reasons: [REASONS.verifyUnavailable],
    };
  const languages = consent.text
    ? [
        {
          text: consent.text,
          font_size_px: consent.font_size_px,
          contrast_ratio: consent.contrast_ratio,
          opt_in_type: consent.opt_in_type,
        },
      ]
    : [];
  const reasons: string[] = [];
  const approved = consent.text
    ? languageApproved(consent.text, account.consent_languages ?? DEFAULT_APPROVED_LANGUAGES)
    : false;
  let oneToOne: boolean | null = null;
  if (criteria.advertiser_name && consent.text && consent.advertisers !== null)
    oneToOne =
      consent.advertisers.length === 1 &&
      normaliseAdvertiser(consent.advertisers[0]!) === normaliseAdvertiser(criteria.advertiser_name);
  if (!consent.text) reasons.push(REASONS.noLanguage);
  else {
    if (!approved) reasons.push(REASONS.notApproved);
    if (criteria.advertiser_name && consent.advertisers === null) reasons.push(REASONS.noConsentTags);
    if (oneToOne === false) reasons.push(REASONS.notOneToOne);
    const min = criteria.min_font_size_px_required;
    if (min !== undefined && consent.font_size_px !== null && consent.font_size_px < min)
      reasons.push(REASONS.fontTooSmall);
    const minContrast = criteria.min_contrast_ratio_required;
    if (minContrast !== undefined && consent.contrast_ratio !== null && consent.contrast_ratio < minContrast)
      reasons.push(REASONS.lowContrast);
    if (criteria.opt_in_types_allowed && !criteria.opt_in_types_allowed.includes(consent.opt_in_type))
      reasons.push(REASONS.optInNotAllowed);
  }
  const success = reasons.length === 0;
  return {
    block: { ...criteria, languages, result: { language_approved: approved, one_to_one: oneToOne, success } },
    success,
    reasons,
  };
}

/** Runs the operations (retain is recorded on the certificate) and builds the 200 answer. */
export function runOperations(
  certificate: Certificate,
  account: Account,
  operations: Operations,
  baseUrl: string,
  now = new Date(),
): Json {
  const results: Array<[string, Outcome]> = [];
  if (operations.match_lead) results.push(["match_lead", matchLead(certificate, operations.match_lead)]);
  if (operations.retain)
    results.push(["retain", retain(certificate, account, operations.retain, baseUrl, now)]);
  if (operations.insights) results.push(["insights", insights(certificate, operations.insights, now)]);
  if (operations.verify) results.push(["verify", verify(certificate, account, operations.verify)]);
  const outcome = results.some(([, r]) => r.error)
    ? "error"
    : results.every(([, r]) => r.success)
      ? "success"
      : "failure";
  const reasons = results.flatMap(([, r]) => r.reasons);
  return {
    outcome,
    reason: reasons.length ? reasons.join("; ") : null,
    ...Object.fromEntries(results.map(([name, r]) => [name, r.block])),
  };
}
