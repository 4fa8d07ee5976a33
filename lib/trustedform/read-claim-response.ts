// Reads a TrustedForm 3.0 claim (or view) response leniently. A 201 means the claim happened and was billed, so the
// answer is never refused for its shape: each known field is read when it has a shape the vendor publishes
// (trustedform-claim-api.md, api-facts.md, the fixtures in ./fixtures), set to null when it is missing, and reported
// in `unreadable` when it is there in a shape Certdesk cannot read. The raw body is kept by the caller; this only
// decides what the review screens can show. Name variants of the vendor's own samples are read too: `masked` beside
// `is_masked`, `framed`/`mobile` beside `is_framed`/`is_mobile`, a browser version as an object or as text. The
// `unreadable` lines name a field and the kind of value found, never the value: they are shown to users.

export type ClaimOutcome = "success" | "failure" | "error";

export interface SoftwareVersion {
  full: string | null;
  major: string | null;
  minor: string | null;
  patch: string | null;
}

export interface Software {
  full: string | null;
  name: string | null;
  version: SoftwareVersion | null;
}

export interface ApproxIpGeo {
  city: string | null;
  country_code: string | null;
  lat: number | null;
  lon: number | null;
  postal_code: string | null;
  state: string | null;
  time_zone: string | null;
}

export interface ClaimCertFacts {
  age_seconds: number | null;
  approx_ip_geo: ApproxIpGeo | null;
  browser: Software | null;
  cert_id: string | null;
  created_at: string | null;
  domain: string | null;
  event_duration_ms: number | null;
  expires_at: string | null;
  form_input_method: string[] | null;
  ip: string | null;
  is_framed: boolean | null;
  is_mobile: boolean | null;
  kpm: number | null;
  wpm: number | null;
  operating_system: Software | null;
  page_id: string | null;
  page_url: string | null;
  parent_page_url: string | null;
  user_agent: string | null;
}

export interface ClaimScans {
  forbidden_found: string[];
  forbidden_not_found: string[];
  required_found: string[];
  required_not_found: string[];
}

export interface ClaimResponse {
  outcome: ClaimOutcome | null;
  reason: string | null;
  is_masked: boolean | null;
  masked_cert_url: string | null;
  share_url: string | null;
  /** null: the answer carries no fingerprint result at all. */
  fingerprints: { matching: string[]; non_matching: string[] } | null;
  scans: ClaimScans | null;
  warnings: string[];
  /** null: a "consent" answer (no certificate facts), or none could be read. */
  cert: ClaimCertFacts | null;
}

export interface ClaimReading {
  response: ClaimResponse;
  /** One line per field that was present but could not be read, e.g. `cert.kpm: a text, expected a number`. */
  unreadable: string[];
}

type Json = Record<string, unknown>;

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return "a text";
  return `a ${typeof value}`;
}

export class Reader {
  readonly unreadable: string[] = [];

  private note(path: string, value: unknown, expected: string) {
    this.unreadable.push(`${path}: ${describe(value)}, expected ${expected}`);
  }

  text(object: Json, path: string, ...names: string[]): string | null {
    for (const name of names) {
      const value = object[name];
      if (value === undefined || value === null) continue;
      if (typeof value === "string") return value;
      if (typeof value === "number" || typeof value === "boolean") return String(value);
      this.note(`${path}${name}`, value, "a text");
      return null;
    }
    return null;
  }

  number(object: Json, path: string, name: string): number | null {
    const value = object[name];
    if (value === undefined || value === null) return null;
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value)))
      return Number(value);
    this.note(`${path}${name}`, value, "a number");
    return null;
  }

  boolean(object: Json, path: string, ...names: string[]): boolean | null {
    for (const name of names) {
      const value = object[name];
      if (value === undefined || value === null) continue;
      if (typeof value === "boolean") return value;
      if (value === "true" || value === "false") return value === "true";
      this.note(`${path}${name}`, value, "true or false");
      return null;
    }
    return null;
  }

  texts(object: Json, path: string, name: string): string[] | null {
    const value = object[name];
    if (value === undefined || value === null) return null;
    if (typeof value === "string") return [value];
    if (Array.isArray(value)) {
      const strings = value.filter((item): item is string => typeof item === "string");
      if (strings.length !== value.length) this.note(`${path}${name}`, value, "a list of texts");
      return strings;
    }
    this.note(`${path}${name}`, value, "a list of texts");
    return null;
  }

  object(object: Json, path: string, name: string): Json | null {
    const value = object[name];
    if (value === undefined || value === null) return null;
    if (typeof value === "object" && !Array.isArray(value)) return value as Json;
    this.note(`${path}${name}`, value, "an object");
    return null;
  }

  software(object: Json, path: string, name: string): Software | null {
    const value = object[name];
    if (value === undefined || value === null) return null;
    // An older shape: one text such as "Chrome 80.0.3987" (trustedform-api-client test/fixtures.js).
    if (typeof value === "string") return { full: value, name: null, version: null };
    const software = this.object(object, path, name);
    if (!software) return null;
    const at = `${path}${name}.`;
    let version: SoftwareVersion | null = null;
    const raw = software.version;
    if (typeof raw === "string" || typeof raw === "number") {
      version = { full: String(raw), major: null, minor: null, patch: null };
    } else if (raw !== undefined && raw !== null) {
      const parts = this.object(software, at, "version");
      if (parts) {
        const vat = `${at}version.`;
        version = {
          full: this.text(parts, vat, "full"),
          major: this.text(parts, vat, "major"),
          minor: this.text(parts, vat, "minor"),
          patch: this.text(parts, vat, "patch"),
        };
      }
    }
    return { full: this.text(software, at, "full"), name: this.text(software, at, "name"), version };
  }

  cert(body: Json): ClaimCertFacts | null {
    const cert = this.object(body, "", "cert");
    if (!cert || Object.keys(cert).length === 0) return null;
    const at = "cert.";
    const geo = this.object(cert, at, "approx_ip_geo");
    const gat = "cert.approx_ip_geo.";
    return {
      age_seconds: this.number(cert, at, "age_seconds"),
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
      browser: this.software(cert, at, "browser"),
      cert_id: this.text(cert, at, "cert_id", "token"),
      created_at: this.text(cert, at, "created_at"),
      domain: this.text(cert, at, "domain"),
      event_duration_ms: this.number(cert, at, "event_duration_ms"),
      expires_at: this.text(cert, at, "expires_at"),
      form_input_method: this.texts(cert, at, "form_input_method"),
      ip: this.text(cert, at, "ip"),
      is_framed: this.boolean(cert, at, "is_framed", "framed"),
      is_mobile: this.boolean(cert, at, "is_mobile", "mobile"),
      kpm: this.number(cert, at, "kpm"),
      wpm: this.number(cert, at, "wpm"),
      operating_system: this.software(cert, at, "operating_system"),
      page_id: this.text(cert, at, "page_id"),
      page_url: this.text(cert, at, "page_url", "location"),
      parent_page_url: this.text(cert, at, "parent_page_url", "parent_location"),
      user_agent: this.text(cert, at, "user_agent"),
    };
  }

  outcome(body: Json): ClaimOutcome | null {
    const value = body.outcome;
    if (value === undefined || value === null) {
      this.unreadable.push("outcome: missing");
      return null;
    }
    if (value === "success" || value === "failure" || value === "error") return value;
    this.unreadable.push(`outcome: ${describe(value)} other than success, failure or error`);
    return null;
  }

  fingerprints(body: Json): ClaimResponse["fingerprints"] {
    const fingerprints = this.object(body, "", "fingerprints");
    if (!fingerprints) return null;
    return {
      matching: this.texts(fingerprints, "fingerprints.", "matching") ?? [],
      non_matching: this.texts(fingerprints, "fingerprints.", "non_matching") ?? [],
    };
  }

  scans(body: Json): ClaimScans | null {
    const scans = this.object(body, "", "scans");
    if (!scans) return null;
    const list = (name: string) => this.texts(scans, "scans.", name) ?? [];
    return {
      forbidden_found: list("forbidden_found"),
      forbidden_not_found: list("forbidden_not_found"),
      required_found: list("required_found"),
      required_not_found: list("required_not_found"),
    };
  }
}

const EMPTY: ClaimResponse = {
  outcome: null,
  reason: null,
  is_masked: null,
  masked_cert_url: null,
  share_url: null,
  fingerprints: null,
  scans: null,
  warnings: [],
  cert: null,
};

/** `body` is the parsed JSON of the answer, or its text when it was not JSON. Never throws. */
export function readClaimResponse(body: unknown): ClaimReading {
  if (body === null || typeof body !== "object" || Array.isArray(body)) {
    return {
      response: EMPTY,
      unreadable: [`the whole answer: ${describe(body)}, expected a JSON object`],
    };
  }
  const json = body as Json;
  const reader = new Reader();
  const response: ClaimResponse = {
    outcome: reader.outcome(json),
    reason: reader.text(json, "", "reason") || null,
    is_masked: reader.boolean(json, "", "is_masked", "masked"),
    masked_cert_url: reader.text(json, "", "masked_cert_url"),
    share_url: reader.text(json, "", "share_url"),
    fingerprints: reader.fingerprints(json),
    scans: reader.scans(json),
    warnings: reader.texts(json, "", "warnings") ?? [],
    cert: reader.cert(json),
  };
  return { response, unreadable: reader.unreadable };
}
