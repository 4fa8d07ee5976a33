// The simulator's records: accounts, certificates, their claims and 4.0 retains (kept in its JSON store).
import type { CommonFaults } from "../shared/faults";
import type { CertificateFormat } from "./certificate-ids";
import type { ConsentFacts } from "./consent-capture";
import type { Behaviour, DemoVariant } from "./demo-variants";

/** The API versions simulated: the 2.0 and 3.0 claiming APIs and the 4.0 operations API (operations-v4.ts). */
export type ApiVersion = "2.0" | "3.0" | "4.0";

export interface VerificationCriteria {
  advertiser_name?: string;
  min_font_size_px_required?: number;
  min_contrast_ratio_required?: number;
  opt_in_types_allowed?: string[];
}

export interface RetainRecord {
  api_key: string;
  at: string;
  expires_at: string;
  reference: string | null;
  vendor: string | null;
  campaign_id: string | null;
}

export interface Account {
  api_key: string;
  label: string;
  /** Claims the account can still pay for. */
  balance: number;
  active: boolean;
  faults: CommonFaults;
  /** The version answered when a request has no `api-version` header (the account's setting at TrustedForm). */
  api_version?: ApiVersion;
  /** "consent+data" answers carry the certificate's facts (`cert`); "consent" answers do not. */
  subscription?: "consent" | "consent+data";
  /** 4.0: false when Verify is not in the account's plan ("Unavailable product requested: Verify"). */
  verify_available?: boolean;
  /** 4.0: the approved consent languages of the account's consent language manager (`{{*}}` wildcards). */
  consent_languages?: string[];
  /** 4.0: the account's verification criteria; a request's `verify` values win over them. */
  verification_criteria?: VerificationCriteria;
  /** 4.0: how long a retained certificate is kept (the documented default: 5 years). */
  retention_days?: number;
}

/** What a claim found, kept so that a later GET can show it again in the version that GET asks for. */
export interface ClaimRecord {
  id: string;
  api_key: string;
  at: string;
  reference: string | null;
  vendor: string | null;
  matching: string[];
  nonMatching: string[];
  required: { found: string[]; notFound: string[] };
  forbidden: { found: string[]; notFound: string[] };
  warnings: string[];
  outcome: "success" | "failure";
  reason: string | null;
  /** The version the claim was made in, and the answer as first sent: a GET in that version shows it again. */
  version: ApiVersion;
  response: unknown;
}

export interface Certificate {
  cert_id: string;
  format: CertificateFormat;
  snapshot_html: string;
  fingerprints: string[];
  created_at: string;
  expires_at: string;
  sandbox: boolean;
  max_claims: number;
  is_masked: boolean;
  facts: Record<string, unknown>;
  claims: ClaimRecord[];
  /** What Verify reads from the page (consent-capture.ts). */
  consent: ConsentFacts;
  /** How the form was filled in (Insights: bot_detected, form_input_method, seconds_on_page, kpm, wpm). */
  behaviour: Behaviour;
  /** Insights `confirmed_owner`: the registered owner of the page's domain, or null. */
  confirmed_owner: string | null;
  /** The demo form variant it came from, if any. */
  variant: DemoVariant | null;
  /** 4.0 retains, one per account. */
  retained: RetainRecord[];
  /** 4.0 requests answered, with their answers, for the admin API. */
  v4_requests: Array<{ api_key: string; at: string; request: unknown; response: unknown }>;
}
