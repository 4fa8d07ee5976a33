// Reads a TrustedForm 4.0 answer leniently, like ../read-claim-response.ts does for 3.0: any 2xx means the work was
// done and billed (4.0 answers 200 for success and failure alike), so the answer is never refused for its shape.
// Each known field is read when it has a shape the vendor publishes (./fixtures/claim-4.0-*.json), set to null
// when missing, and reported in `unreadable` when present in a shape Certdesk cannot read. Variants of the vendor's
// own samples are read too: `retain.results` and `retain.result`, `reason` as the text "null", booleans as the
// texts "true"/"false". The `unreadable` lines name a field and the kind of value found, never the value.
import { describe, Reader, type ApproxIpGeo, type ClaimOutcome, type Software } from "../read-claim-response";
import { INSIGHTS_PROPERTIES, type InsightsProperty } from "./v4-vocabulary";

type Json = Record<string, unknown>;

export interface V4MatchLead {
  /** Echoed as sent: a fingerprint (Certdesk's default) or the raw value. */
  email: string | null;
  phone: string | null;
  /** null: that value was not sent. */
  email_match: boolean | null;
  phone_match: boolean | null;
  success: boolean | null;
}

export interface V4Retain {
  reference: string | null;
  vendor: string | null;
  campaign_id: string | null;
  expires_at: string | null;
  previously_retained: boolean | null;
  masked_cert_url: string | null;
}

export interface V4OperatingSystem {
  full: string | null;
  name: string | null;
  is_mobile: boolean | null;
  version: Software["version"];
}

export interface V4InsightsProperties {
  age_seconds: number | null;
  approx_ip_geo: ApproxIpGeo | null;
  bot_detected: boolean | null;
  browser: Software | null;
  /** Undocumented type: read as given when it is a text or a boolean. */
  confirmed_owner: string | boolean | null;
  created_at: string | null;
  domain: string | null;
  expires_at: string | null;
  form_input_kpm: number | null;
  form_input_method: string[] | null;
  form_input_wpm: number | null;
  ip: string | null;
  is_framed: boolean | null;
  is_masked: boolean | null;
  num_sensitive_content_elements: number | null;
  num_sensitive_form_elements: number | null;
  os: V4OperatingSystem | null;
  page_url: string | null;
  parent_page_url: string | null;
  seconds_on_page: number | null;
}

export interface V4Scans {
  /** The terms as echoed. */
  required: string[];
  forbidden: string[];
  success: boolean | null;
  required_found: string[];
  required_not_found: string[];
  forbidden_found: string[];
  forbidden_not_found: string[];
}

export interface V4Insights {
  properties: V4InsightsProperties | null;
  /** The data points present with a value (not null) in the answer: those the account is charged for. */
  returned: InsightsProperty[];
  scans: V4Scans | null;
}

export interface V4ConsentLanguage {
  text: string | null;
  /** Not in the published sample; read when present (the Certdesk simulator sends them). */
  font_size_px: number | null;
  contrast_ratio: number | null;
  opt_in_type: string | null;
}

export interface V4Verify {
  advertiser_name: string | null;
  min_font_size_px_required: number | null;
  min_contrast_ratio_required: number | null;
  opt_in_types_allowed: string[] | null;
  languages: V4ConsentLanguage[];
  language_approved: boolean | null;
  /** true, false, or null when it could not be checked. */
  one_to_one: boolean | null;
  success: boolean | null;
}

export interface V4Response {
  outcome: ClaimOutcome | null;
  reason: string | null;
  match_lead: V4MatchLead | null;
  retain: V4Retain | null;
  insights: V4Insights | null;
  verify: V4Verify | null;
}

export interface V4Reading {
  response: V4Response;
  unreadable: string[];
}

class V4Reader extends Reader {
  list(object: Json, path: string, name: string): string[] {
    return this.texts(object, path, name) ?? [];
  }

  matchLead(body: Json): V4MatchLead | null {
    const block = this.object(body, "", "match_lead");
    if (!block) return null;
    const result = this.object(block, "match_lead.", "result") ?? {};
    const at = "match_lead.result.";
    return {
      email: this.text(block, "match_lead.", "email"),
      phone: this.text(block, "match_lead.", "phone"),
      email_match: this.boolean(result, at, "email_match"),
      phone_match: this.boolean(result, at, "phone_match"),
      success: this.boolean(result, at, "success"),
    };
  }

  retain(body: Json): V4Retain | null {
    const block = this.object(body, "", "retain");
    if (!block) return null;
    // The docs and LeadConduit's fixtures say `results`; LeadConduit's code reads `result`.
    const name = block.results !== undefined && block.results !== null ? "results" : "result";
    const results = this.object(block, "retain.", name) ?? {};
    const at = `retain.${name}.`;
    return {
      reference: this.text(block, "retain.", "reference"),
      vendor: this.text(block, "retain.", "vendor"),
      campaign_id: this.text(block, "retain.", "campaign_id"),
      expires_at: this.text(results, at, "expires_at"),
      previously_retained: this.boolean(results, at, "previously_retained"),
      masked_cert_url: this.text(results, at, "masked_cert_url"),
    };
  }

  operatingSystem(object: Json, path: string): V4OperatingSystem | null {
    const software = this.software(object, path, "os");
    if (!software) return null;
    const os = object.os;
    const isMobile =
      os && typeof os === "object" && !Array.isArray(os)
        ? this.boolean(os as Json, `${path}os.`, "is_mobile")
        : null;
    return { ...software, is_mobile: isMobile };
  }

  confirmedOwner(object: Json, path: string): string | boolean | null {
    const value = object.confirmed_owner;
    if (value === undefined || value === null) return null;
    if (typeof value === "boolean" || typeof value === "string") return value;
    this.unreadable.push(`${path}confirmed_owner: ${describe(value)}, expected a text or true or false`);
    return null;
  }

  properties(block: Json): V4InsightsProperties | null {
    const props = this.object(block, "insights.", "properties");
    if (!props) return null;
    const at = "insights.properties.";
    const geo = this.object(props, at, "approx_ip_geo");
    const gat = `${at}approx_ip_geo.`;
    return {
      age_seconds: this.number(props, at, "age_seconds"),
      approx_ip_geo: geo
        ? {
            city: this.text(geo, gat, "city"),
            country_code: this.text(geo, gat, "country_code"),
            lat: this.number(geo, gat, "lat"),
            lon: this.number(geo, gat, "lon"),
            postal_code: this.text(geo, gat, "postal_code"),
            state: this.text(geo, gat, "state"),
            time_zone: this.text(geo, gat, "time_zone"),
          }
        : null,
      bot_detected: this.boolean(props, at, "bot_detected"),
      browser: this.software(props, at, "browser"),
      confirmed_owner: this.confirmedOwner(props, at),
      created_at: this.text(props, at, "created_at"),
      domain: this.text(props, at, "domain"),
      expires_at: this.text(props, at, "expires_at"),
      form_input_kpm: this.number(props, at, "form_input_kpm"),
      form_input_method: this.texts(props, at, "form_input_method"),
      form_input_wpm: this.number(props, at, "form_input_wpm"),
      ip: this.text(props, at, "ip"),
      is_framed: this.boolean(props, at, "is_framed"),
      is_masked: this.boolean(props, at, "is_masked"),
      num_sensitive_content_elements: this.number(props, at, "num_sensitive_content_elements"),
      num_sensitive_form_elements: this.number(props, at, "num_sensitive_form_elements"),
      os: this.operatingSystem(props, at),
      page_url: this.text(props, at, "page_url"),
      parent_page_url: this.text(props, at, "parent_page_url"),
      seconds_on_page: this.number(props, at, "seconds_on_page"),
    };
  }

  scans(block: Json): V4Scans | null {
    const scans = this.object(block, "insights.", "scans");
    if (!scans) return null;
    const at = "insights.scans.";
    const result = this.object(scans, at, "result") ?? {};
    const rat = `${at}result.`;
    const required = this.object(result, rat, "required") ?? {};
    const forbidden = this.object(result, rat, "forbidden") ?? {};
    return {
      required: this.list(scans, at, "required"),
      forbidden: this.list(scans, at, "forbidden"),
      success: this.boolean(result, rat, "success"),
      required_found: this.list(required, `${rat}required.`, "found"),
      required_not_found: this.list(required, `${rat}required.`, "not_found"),
      forbidden_found: this.list(forbidden, `${rat}forbidden.`, "found"),
      forbidden_not_found: this.list(forbidden, `${rat}forbidden.`, "not_found"),
    };
  }

  insights(body: Json): V4Insights | null {
    const block = this.object(body, "", "insights");
    if (!block) return null;
    const properties = this.properties(block);
    const raw = this.object(block, "insights.", "properties") ?? {};
    const returned = INSIGHTS_PROPERTIES.filter((name) => raw[name] !== undefined && raw[name] !== null);
    return { properties, returned, scans: this.scans(block) };
  }

  languages(block: Json): V4ConsentLanguage[] {
    const value = block.languages;
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.unreadable.push(`verify.languages: ${describe(value)}, expected a list`);
      return [];
    }
    return value.flatMap((item, index) => {
      const at = `verify.languages[${index}].`;
      // A bare text is the consent language itself.
      if (typeof item === "string")
        return [{ text: item, font_size_px: null, contrast_ratio: null, opt_in_type: null }];
      if (!item || typeof item !== "object" || Array.isArray(item)) {
        this.unreadable.push(`verify.languages[${index}]: ${describe(item)}, expected an object`);
        return [];
      }
      const language = item as Json;
      return [
        {
          text: this.text(language, at, "text"),
          font_size_px: this.number(language, at, "font_size_px"),
          contrast_ratio: this.number(language, at, "contrast_ratio"),
          opt_in_type: this.text(language, at, "opt_in_type"),
        },
      ];
    });
  }

  verify(body: Json): V4Verify | null {
    const block = this.object(body, "", "verify");
    if (!block) return null;
    const result = this.object(block, "verify.", "result") ?? {};
    const at = "verify.result.";
    return {
      advertiser_name: this.text(block, "verify.", "advertiser_name"),
      min_font_size_px_required: this.number(block, "verify.", "min_font_size_px_required"),
      min_contrast_ratio_required: this.number(block, "verify.", "min_contrast_ratio_required"),
      opt_in_types_allowed: this.texts(block, "verify.", "opt_in_types_allowed"),
      languages: this.languages(block),
      language_approved: this.boolean(result, at, "language_approved"),
      one_to_one: this.boolean(result, at, "one_to_one"),
      success: this.boolean(result, at, "success"),
    };
  }
}

const EMPTY: V4Response = {
  outcome: null,
  reason: null,
  match_lead: null,
  retain: null,
  insights: null,
  verify: null,
};

/** `body` is the parsed JSON of the answer, or its text when it was not JSON. Never throws. */
export function readV4Response(body: unknown): V4Reading {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return { response: EMPTY, unreadable: [`the whole answer: ${describe(body)}, expected a JSON object`] };
  }
  const json = body as Json;
  const reader = new V4Reader();
  const reason = reader.text(json, "", "reason");
  const response: V4Response = {
    outcome: reader.outcome(json),
    // The portal's sample sends the text "null" for no reason.
    reason: reason && reason.trim() !== "" && reason.trim() !== "null" ? reason : null,
    match_lead: reader.matchLead(json),
    retain: reader.retain(json),
    insights: reader.insights(json),
    verify: reader.verify(json),
  };
  return { response, unreadable: reader.unreadable };
}

/** Verify's documented failure reasons (trustedform-v4.md), matched with or without a final full stop. */
export const VERIFY_FAILURE_REASONS = {
  unavailable: "Unavailable product requested: Verify",
  no_language: "Consent language not detected in the certificate",
  not_approved: "Consent languages found were not approved in the account's consent language manager",
  no_consent_tags: "This form has not been setup to allow use of One to One Consent Check",
} as const;
export type VerifyFailure = keyof typeof VERIFY_FAILURE_REASONS;

const normaliseReason = (text: string) =>
  text.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, " ").trim().replace(/\.$/, "");

/** The documented Verify failures named in a reason (a reason may join several). */
export function verifyFailuresIn(reason: string | null): VerifyFailure[] {
  if (!reason) return [];
  const text = normaliseReason(reason);
  return (Object.keys(VERIFY_FAILURE_REASONS) as VerifyFailure[]).filter((key) =>
    text.includes(normaliseReason(VERIFY_FAILURE_REASONS[key])),
  );
}
