// A local simulator of TrustedForm's claim API (../shared/docs/trustedform-claim-api.md and api-facts.md):
// certificates at /<cert id> in every real id format, Basic-auth claiming with page scans and fingerprints,
// the documented error statuses, a sample lead form, and fault injection. It is as strict as the service where the
// documents are specific and as lenient where the service is: any Basic username (the service checks only the key),
// `api-version` honoured (2.0 and 3.0 shapes; without the header, the account's configured version). Its requests
// and answers are held to the vendor fixtures in lib/trustedform/fixtures (claim-contract.test.ts). Choices made
// where the documents are silent are listed in sandbox/README.md.
import crypto from "node:crypto";
import path from "node:path";
import { serve, type ServerType } from "@hono/node-server";
import { Hono, type Context } from "hono";
import { addLatency, decideFault, dropConnection, gatewayError } from "../shared/faults";
import { JsonStore } from "../shared/json-store";
import { isCertificateId, newCertificateId, type CertificateFormat } from "./certificate-ids";
import { emailFingerprint, phoneFingerprint, providedFingerprint } from "./fingerprint";
import { parseScanTerms, scanTerms, snapshotText, type ScanTerm } from "./page-scan";
import { captureConsent } from "./consent-capture";
import {
  APPROVED_CONSENT,
  DEFAULT_APPROVED_LANGUAGES,
  DEMO_VARIANTS,
  demoFormHtml,
  HUMAN,
  isDemoVariant,
  variantBehaviour,
  variantLabel,
  type Behaviour,
  type DemoVariant,
} from "./demo-variants";
import { OPT_IN_TYPES, parseOperations, runOperations } from "./operations-v4";
import type { Account, ApiVersion, Certificate, ClaimRecord, VerificationCriteria } from "./records";

export type { Account, ApiVersion, Certificate };

export const API_VERSIONS: readonly string[] = ["2.0", "3.0", "4.0"];

export interface TrustedFormSandboxOptions {
  port?: number;
  host?: string;
  dataDir?: string | null;
  log?: (line: string) => void;
}

export interface NewCertificate {
  format?: CertificateFormat;
  page_text?: string;
  page_html?: string;
  email?: string | string[];
  phone?: string | string[];
  created_at?: string;
  expires_in_hours?: number;
  sandbox?: boolean;
  max_claims?: number;
  is_masked?: boolean;
  page_url?: string;
  /** A demo form variant: its page becomes the snapshot (unless page_html is given) and its behaviour is recorded. */
  variant?: DemoVariant;
  behaviour?: Partial<Behaviour>;
  confirmed_owner?: string | null;
}

const message = (c: Context, status: number, text: string, headers: Record<string, string> = {}) =>
  c.body(JSON.stringify({ message: text }), status as 400, {
    "content-type": "application/json",
    ...headers,
  });

const list = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined || value === null ? [] : [value]).filter(
    (v): v is string => typeof v === "string" && v.trim() !== "",
  );

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export const DEMO_CONSENT = APPROVED_CONSENT;

export class TrustedFormSandbox {
  readonly app = new Hono();
  private readonly accountsStore: JsonStore<Account[]>;
  private accounts: Account[];
  private readonly certificates = new Map<string, Certificate>();
  private server: ServerType | null = null;
  baseUrl = "";

  constructor(private readonly options: TrustedFormSandboxOptions = {}) {
    const dataDir = options.dataDir ?? null;
    this.accountsStore = new JsonStore<Account[]>(
      dataDir ? path.join(dataDir, "trustedform-accounts.json") : null,
      [],
    );
    this.accounts = this.accountsStore.load();
    this.routes();
  }

  async start(): Promise<string> {
    const host = this.options.host ?? "127.0.0.1";
    await new Promise<void>((resolve) => {
      this.server = serve(
        { fetch: this.app.fetch, port: this.options.port ?? 4020, hostname: host },
        (info) => {
          this.baseUrl = `http://${host}:${info.port}`;
          resolve();
        },
      );
    });
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  createAccount(
    input: {
      label?: string;
      balance?: number;
      active?: boolean;
      api_key?: string;
      api_version?: ApiVersion;
      subscription?: Account["subscription"];
      verify_available?: boolean;
      consent_languages?: string[];
      verification_criteria?: VerificationCriteria;
    } = {},
  ): Account {
    const account: Account = {
      api_key: input.api_key ?? `tf_sandbox_${crypto.randomBytes(16).toString("hex")}`,
      label: input.label ?? "sandbox account",
      balance: input.balance ?? 100,
      active: input.active ?? true,
      faults: {},
      api_version: input.api_version ?? "3.0",
      subscription: input.subscription ?? "consent+data",
      verify_available: input.verify_available ?? true,
      consent_languages: input.consent_languages ?? [...DEFAULT_APPROVED_LANGUAGES],
      verification_criteria: input.verification_criteria ?? {},
      retention_days: 1825,
    };
    this.accounts.push(account);
    this.accountsStore.save(this.accounts);
    return account;
  }

  listAccounts(): Account[] {
    return this.accounts;
  }

  createCertificate(input: NewCertificate = {}): Certificate & { cert_url: string } {
    const format = input.format ?? "web";
    const createdAt = input.created_at ? new Date(input.created_at) : new Date();
    const expiresAt = new Date(createdAt.getTime() + (input.expires_in_hours ?? 72) * 3_600_000);
    const html =
      input.page_html ??
      (input.variant
        ? demoFormHtml(input.variant, false)
        : `<html><body><form><p>${escapeHtml(input.page_text ?? DEMO_CONSENT)}</p></form></body></html>`);
    const certId = newCertificateId(format);
    const pageUrl = input.page_url ?? "https://leads.example.com/quote";
    const certificate: Certificate = {
      cert_id: certId,
      format,
      snapshot_html: html,
      fingerprints: [...list(input.email).map(emailFingerprint), ...list(input.phone).map(phoneFingerprint)],
      created_at: createdAt.toISOString(),
      expires_at: expiresAt.toISOString(),
      sandbox: input.sandbox ?? false,
      max_claims: input.max_claims ?? 3,
      is_masked: input.is_masked ?? false,
      facts: {
        approx_ip_geo: {
          city: "Austin",
          country_code: "US",
          lat: 30.2672,
          lon: -97.7431,
          postal_code: "78701",
          state: "TX",
          time_zone: "America/Chicago",
        },
        browser: {
          full: "Chrome 131.0.6778.86",
          name: "Chrome",
          version: { full: "131.0.6778.86", major: "131", minor: "0", patch: "6778.86" },
        },
        domain: new URL(pageUrl).hostname,
        event_duration_ms: 48_250,
        form_input_method: ["typing"],
        ip: "203.0.113.24",
        is_framed: false,
        is_mobile: format === "mobile",
        kpm: 182.4,
        wpm: 36.5,
        operating_system: {
          full: "Windows 10.0",
          name: "Windows",
          version: { full: "10.0", major: "10", minor: "0", patch: null },
        },
        page_id: crypto.randomBytes(12).toString("hex"),
        page_url: pageUrl,
        parent_page_url: null,
        user_agent:
          "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.86 Safari/537.36",
      },
      claims: [],
      consent: captureConsent(html),
      behaviour: {
        ...(input.variant ? variantBehaviour(input.variant) : structuredClone(HUMAN)),
        ...input.behaviour,
      },
      confirmed_owner: input.confirmed_owner === undefined ? null : input.confirmed_owner,
      variant: input.variant ?? null,
      retained: [],
      v4_requests: [],
    };
    this.certificates.set(certId, certificate);
    return { ...certificate, cert_url: `${this.baseUrl}/${certId}` };
  }

  private accountOf(c: Context): Account | null {
    const header = c.req.header("authorization") ?? "";
    const encoded = /^Basic\s+(\S+)$/i.exec(header)?.[1];
    if (!encoded) return null;
    const decoded = Buffer.from(encoded, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    // The username is ignored, as the service does (ActiveProspect's own clients send "X"): only the key counts.
    if (colon < 0) return null;
    const key = decoded.slice(colon + 1);
    return (
      this.accounts.find(
        (a) =>
          a.api_key.length === key.length && crypto.timingSafeEqual(Buffer.from(a.api_key), Buffer.from(key)),
      ) ?? null
    );
  }

  private async readBody(c: Context): Promise<Record<string, unknown> | null> {
    const type = (c.req.header("content-type") ?? "").toLowerCase();
    if (type.startsWith("application/x-www-form-urlencoded")) {
      const params = new URLSearchParams(await c.req.text());
      const body: Record<string, unknown> = {};
      for (const [rawKey, value] of params) {
        const isArray = rawKey.endsWith("[]");
        const key = isArray ? rawKey.slice(0, -2) : rawKey;
        if (isArray || key in body) body[key] = [...list(body[key]), value];
        else body[key] = value;
      }
      return body;
    }
    const text = await c.req.text();
    if (!text.trim()) return {};
    try {
      const body = JSON.parse(text) as unknown;
      return body && typeof body === "object" && !Array.isArray(body)
        ? (body as Record<string, unknown>)
        : null;
    } catch {
      return null;
    }
  }

  /** Runs the scans and the fingerprint check of one claim request (parameters of the version asked for). */
  private evaluateClaim(
    certificate: Certificate,
    body: Record<string, unknown>,
    version: ApiVersion,
    required: ScanTerm[],
    forbidden: ScanTerm[],
  ): Omit<ClaimRecord, "id" | "api_key" | "at" | "reference" | "vendor" | "version" | "response"> {
    const delimiter =
      typeof body.scan_delimiter === "string" && body.scan_delimiter !== "" ? body.scan_delimiter : undefined;
    const text = snapshotText(certificate.snapshot_html);
    const requiredScan = scanTerms(text, required, delimiter);
    const forbiddenScan = scanTerms(text, forbidden, delimiter);

    const emails = Object.entries(body)
      .filter(([key]) => /^email(_\d+)?$/.test(key))
      .flatMap(([, value]) => list(value));
    const phones = Object.entries(body)
      .filter(([key]) => /^phone(_\d+)?$/.test(key))
      .flatMap(([, value]) => list(value));
    // Every name the documents give the parameter: `fingerprint` (3.0 prose and Insights schema, the 2.0 example)
    // and `fingerprints` (3.0 claim schema); a string, a list, or repeated.
    const given =
      version === "2.0" ? list(body.fingerprint) : [...list(body.fingerprint), ...list(body.fingerprints)];
    const provided = [
      ...new Set([
        ...emails.map(emailFingerprint),
        ...phones.map(phoneFingerprint),
        ...given.map(providedFingerprint),
      ]),
    ];
    const matching = provided.filter((f) => certificate.fingerprints.includes(f));
    const nonMatching = provided.filter((f) => !certificate.fingerprints.includes(f));

    const warnings: string[] = [];
    if (requiredScan.notFound.length > 0) warnings.push("string not found in snapshot");
    if (forbiddenScan.found.length > 0) warnings.push("string found in snapshot");
    const noneMatch = provided.length > 0 && matching.length === 0;
    if (noneMatch) warnings.push("none of the provided fingerprints match");
    // 3.0: "Failure indicates that the certificate was claimed but generated warnings because no fingerprints
    // matched, forbidden scan terms were found or required scan terms were missing" (Viewing a Certificate).
    const reasons = [
      requiredScan.notFound.length ? "required scan terms not found" : null,
      forbiddenScan.found.length ? "forbidden scan terms found" : null,
      noneMatch ? "none of the provided fingerprints match" : null,
    ].filter((r): r is string => r !== null);
    return {
      matching,
      nonMatching,
      required: requiredScan,
      forbidden: forbiddenScan,
      warnings,
      outcome: reasons.length ? "failure" : "success",
      reason: reasons.length ? reasons.join("; ") : null,
    };
  }

  private certFacts(certificate: Certificate) {
    return {
      ...certificate.facts,
      age_seconds: Math.floor((Date.now() - Date.parse(certificate.created_at)) / 1000),
      created_at: certificate.created_at,
      expires_at: certificate.expires_at,
    };
  }

  /**
   * The 3.0 answer (trustedform-claim-api.md "Response samples"; Viewing a Certificate): fingerprints, is_masked,
   * masked_cert_url (required, may be null), outcome, reason (only for failure or error), scans, warnings,
   * share_url, and for "consent+data" subscriptions the certificate's facts under `cert`.
   */
  private render3(certificate: Certificate, record: ClaimRecord, account: Account) {
    return {
      ...(account.subscription === "consent" ? {} : { cert: this.certFacts(certificate) }),
      fingerprints: { matching: record.matching, non_matching: record.nonMatching },
      is_masked: certificate.is_masked,
      masked_cert_url: `${this.baseUrl}/${crypto.createHash("sha1").update(`masked:${record.id}`).digest("hex")}`,
      outcome: record.outcome,
      ...(record.reason ? { reason: record.reason } : {}),
      scans: {
        forbidden_found: record.forbidden.found,
        forbidden_not_found: record.forbidden.notFound,
        required_found: record.required.found,
        required_not_found: record.required.notFound,
      },
      share_url: `${this.baseUrl}/${certificate.cert_id}?shared_token=${crypto.createHash("sha256").update(`share:${record.id}`).digest("base64url")}`,
      warnings: record.warnings,
    };
  }

  /**
   * The 2.0 answer, shaped like ActiveProspect's published 2.0 samples (trustedform-api-client test/fixtures.js;
   * the "TrustedForm Claim API Revision" gist): the claim record with the certificate under `cert`.
   */
  private render2(certificate: Certificate, record: ClaimRecord) {
    const facts = certificate.facts as {
      approx_ip_geo: Record<string, unknown>;
      browser: { full: string };
      operating_system: { full: string };
      ip: string;
      is_framed: boolean;
      page_url: string;
      parent_page_url: string | null;
      user_agent: string;
      event_duration_ms: number;
    };
    const claimId = record.id;
    return {
      id: claimId,
      created_at: record.at,
      masked_cert_url: `${this.baseUrl}/${crypto.createHash("sha1").update(`masked:${claimId}`).digest("hex")}`,
      masked: certificate.is_masked,
      expires_at: new Date(Date.parse(record.at) + 5 * 365 * 86_400_000).toISOString(),
      age: Math.floor((Date.parse(record.at) - Date.parse(certificate.created_at)) / 1000),
      page_id: (certificate.facts as { page_id: string }).page_id,
      warnings: record.warnings,
      reference: record.reference,
      vendor: record.vendor,
      scans:
        record.required.found.length +
          record.required.notFound.length +
          record.forbidden.found.length +
          record.forbidden.notFound.length ===
        0
          ? null
          : {
              found: [...record.required.found, ...record.forbidden.found],
              not_found: [...record.required.notFound, ...record.forbidden.notFound],
            },
      fingerprints: { matching: record.matching, non_matching: record.nonMatching },
      share_url: `${this.baseUrl}/${certificate.cert_id}?shared_token=${crypto.createHash("sha256").update(`share:${claimId}`).digest("base64url")}`,
      cert: {
        token: certificate.cert_id,
        created_at: certificate.created_at,
        ip: facts.ip,
        parent_location: facts.parent_page_url,
        location: facts.page_url,
        framed: facts.is_framed,
        browser: facts.browser.full,
        operating_system: facts.operating_system.full,
        user_agent: facts.user_agent,
        snapshot_url: `${this.baseUrl}/${certificate.cert_id}/snapshot/index.html`,
        expires_at: certificate.expires_at,
        geo: facts.approx_ip_geo,
        event_duration: facts.event_duration_ms,
        claims: certificate.claims
          .filter((claim) => claim.api_key === record.api_key)
          .map((claim) => ({
            id: claim.id,
            created_at: claim.at,
            reference: claim.reference,
            vendor: claim.vendor,
          })),
      },
    };
  }

  /** The version of a request: its `api-version` header, else the account's configured version. */
  private versionOf(c: Context, account: Account): { version: ApiVersion } | { refusal: Response } {
    const header = c.req.header("api-version")?.trim();
    if (header === undefined || header === "") return { version: account.api_version ?? "3.0" };
    if (API_VERSIONS.includes(header)) return { version: header as ApiVersion };
    return {
      refusal: message(c, 400, `Unsupported api-version "${header.slice(0, 20)}": use 4.0 or 3.0 (or 2.0).`),
    };
  }

  /**
   * A 4.0 request (operations-v4.ts), after authentication, the version and the faults decided "before". Shares the
   * older API's refusals (402, 404, 405 sandboxed, 422) and fault injection (endpoint `claim`); `errorAfter` is an
   * injected 5xx answered after the work was done and billed.
   */
  private async answer4(
    c: Context,
    account: Account,
    certificate: Certificate | undefined,
    errorAfter: boolean,
  ): Promise<Response> {
    // The 4.0 documentation describes only POST; no way to look an earlier 4.0 answer up is documented.
    if (c.req.method !== "POST")
      return message(c, 405, "api-version 4.0 documents no GET: run operations with POST.", {
        allow: "POST",
      });
    if (!account.active) return message(c, 402, "Account is inactive.");
    if (account.balance < 1) return message(c, 402, "Account is out of funds.");
    if (!certificate || Date.parse(certificate.expires_at) < Date.now())
      return message(c, 404, "TrustedForm certificate has expired or could not be found.");
    if (certificate.sandbox)
      return message(c, 405, "This is a sandboxed certificate: it cannot be retained.");
    const body = await this.readBody(c);
    if (!body) return message(c, 400, "The request body is not valid JSON.");
    const parsed = parseOperations(body);
    if (!parsed.ok) return message(c, 422, parsed.message);
    const firstRetain =
      parsed.operations.retain !== undefined &&
      !certificate.retained.some((r) => r.api_key === account.api_key);
    if (firstRetain && certificate.claims.length + certificate.retained.length >= certificate.max_claims)
      return message(c, 422, "The certificate has been claimed too many times.");

    const response = runOperations(certificate, account, parsed.operations, this.baseUrl);
    account.balance -= 1;
    this.accountsStore.save(this.accounts);
    certificate.v4_requests.push({
      api_key: account.api_key,
      at: new Date().toISOString(),
      request: body,
      response,
    });
    if (errorAfter) return gatewayError(account.faults.endpoints?.claim?.errorStatus ?? 503);
    const override = account.faults.endpoints?.claim?.answerBody;
    if (override !== undefined)
      return c.body(override, 200, { "content-type": "application/json; charset=utf-8" });
    return c.json(response, 200);
  }

  private checkVerifySettings(body: {
    consent_languages?: unknown;
    verification_criteria?: unknown;
    verify_available?: unknown;
  }): string | null {
    const languages = body.consent_languages;
    if (
      languages !== undefined &&
      (!Array.isArray(languages) || languages.some((l) => typeof l !== "string" || l.trim() === ""))
    )
      return "consent_languages (approved) is a list of non-empty texts";
    const criteria = body.verification_criteria;
    if (criteria !== undefined) {
      if (!criteria || typeof criteria !== "object" || Array.isArray(criteria))
        return "verification_criteria is an object";
      const parsed = parseOperations({ verify: criteria });
      if (!parsed.ok) return parsed.message;
      const allowed = (criteria as VerificationCriteria).opt_in_types_allowed;
      if (allowed && allowed.some((t) => !(OPT_IN_TYPES as readonly string[]).includes(t)))
        return "opt_in_types_allowed: manual, pre-selected, non-interactive";
    }
    if (body.verify_available !== undefined && typeof body.verify_available !== "boolean")
      return "verify_available is true or false";
    return null;
  }

  private routes() {
    const app = this.app;

    // --- sample lead form: submitting it creates a certificate -----------------------------------------------
    // Variants (demo-variants.ts) produce each Verify and Insights outcome on purpose; no variant is "approved".
    app.get("/demo-form", (c) => {
      const variant = c.req.query("variant") ?? "approved";
      if (!isDemoVariant(variant))
        return c.text(`Unknown variant. Variants: ${DEMO_VARIANTS.join(", ")}.`, 404);
      return c.html(demoFormHtml(variant));
    });
    app.post("/demo-form", async (c) => {
      const form = new URLSearchParams(await c.req.text());
      const variant = form.get("variant") ?? c.req.query("variant") ?? "approved";
      if (!isDemoVariant(variant))
        return c.text(`Unknown variant. Variants: ${DEMO_VARIANTS.join(", ")}.`, 400);
      const certificate = this.createCertificate({
        email: form.get("email") ?? undefined,
        phone: form.get("phone") ?? undefined,
        page_url: `${this.baseUrl}/demo-form?variant=${variant}`,
        variant,
        confirmed_owner: "Acme Mortgage",
      });
      return c.html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Thank you</title></head>
<body style="font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto"><h1>Thank you</h1><p>Your TrustedForm certificate:</p>
<p><a id="cert-url" href="${certificate.cert_url}">${certificate.cert_url}</a></p><p>It can be claimed for 72 hours.</p>
<p>Form variant: <span id="variant">${escapeHtml(variantLabel(variant))}</span> (<a href="/demo-form?variant=${variant}">another lead</a>)</p></body></html>`);
    });

    // --- the sandbox's own admin API -------------------------------------------------------------------------
    app.get("/sandbox/accounts", (c) => c.json(this.accounts));
    app.post("/sandbox/accounts", async (c) => {
      const body = (await c.req.json().catch(() => ({}))) as {
        label?: string;
        balance?: number;
        active?: boolean;
        api_version?: ApiVersion;
        subscription?: Account["subscription"];
        verify_available?: boolean;
        consent_languages?: string[];
        verification_criteria?: VerificationCriteria;
      };
      if (body.api_version !== undefined && !API_VERSIONS.includes(body.api_version))
        return c.json({ error: `api_version is one of ${API_VERSIONS.join(", ")}` }, 400);
      const problem = this.checkVerifySettings(body);
      if (problem) return c.json({ error: problem }, 400);
      return c.json(this.createAccount(body), 201);
    });
    app.patch("/sandbox/accounts/:apiKey", async (c) => {
      const account = this.accounts.find((a) => a.api_key === c.req.param("apiKey"));
      if (!account) return c.json({ error: "unknown account" }, 404);
      const body = (await c.req.json().catch(() => ({}))) as Partial<
        Pick<
          Account,
          | "balance"
          | "active"
          | "faults"
          | "label"
          | "api_version"
          | "subscription"
          | "verify_available"
          | "consent_languages"
          | "verification_criteria"
          | "retention_days"
        >
      >;
      if (body.api_version !== undefined && !API_VERSIONS.includes(body.api_version))
        return c.json({ error: `api_version is one of ${API_VERSIONS.join(", ")}` }, 400);
      const problem = this.checkVerifySettings(body);
      if (problem) return c.json({ error: problem }, 400);
      if (typeof body.verify_available === "boolean") account.verify_available = body.verify_available;
      if (body.consent_languages) account.consent_languages = body.consent_languages;
      if (body.verification_criteria) account.verification_criteria = body.verification_criteria;
      if (typeof body.retention_days === "number") account.retention_days = body.retention_days;
      if (body.api_version) account.api_version = body.api_version;
      if (body.subscription === "consent" || body.subscription === "consent+data")
        account.subscription = body.subscription;
      if (typeof body.balance === "number") account.balance = body.balance;
      if (typeof body.active === "boolean") account.active = body.active;
      if (typeof body.label === "string") account.label = body.label;
      if (body.faults) account.faults = body.faults;
      this.accountsStore.save(this.accounts);
      return c.json(account);
    });
    // The account's consent language manager: the approved consent languages Verify compares with.
    app.get("/sandbox/accounts/:apiKey/consent-languages", (c) => {
      const account = this.accounts.find((a) => a.api_key === c.req.param("apiKey"));
      if (!account) return c.json({ error: "unknown account" }, 404);
      // Accounts kept from before 4.0 have none stored: they have the defaults.
      return c.json({ approved: account.consent_languages ?? DEFAULT_APPROVED_LANGUAGES });
    });
    app.put("/sandbox/accounts/:apiKey/consent-languages", async (c) => {
      const account = this.accounts.find((a) => a.api_key === c.req.param("apiKey"));
      if (!account) return c.json({ error: "unknown account" }, 404);
      const body = (await c.req.json().catch(() => null)) as { approved?: unknown } | null;
      const problem = this.checkVerifySettings({ consent_languages: body?.approved as string[] });
      if (!body || body.approved === undefined || problem)
        return c.json({ error: problem ?? 'send {"approved": ["consent text", ...]}' }, 400);
      account.consent_languages = body.approved as string[];
      this.accountsStore.save(this.accounts);
      return c.json({ approved: account.consent_languages });
    });
    app.post("/sandbox/certificates", async (c) => {
      const body = (await c.req.json().catch(() => ({}))) as NewCertificate;
      if (body.format && !["web", "mobile", "facebook"].includes(body.format))
        return c.json({ error: "format is web, mobile or facebook" }, 400);
      if (body.variant !== undefined && !isDemoVariant(body.variant))
        return c.json({ error: `variant is one of ${DEMO_VARIANTS.join(", ")}` }, 400);
      return c.json(this.createCertificate(body), 201);
    });
    app.get("/sandbox/certificates/:certId", (c) => {
      const certificate = this.certificates.get(c.req.param("certId"));
      return certificate ? c.json(certificate) : c.json({ error: "unknown certificate" }, 404);
    });

    // --- the claim API at the certificate URL ---------------------------------------------------------------
    app.all("/:certId", async (c) => {
      const certId = c.req.param("certId");
      if (!isCertificateId(certId))
        return message(c, 400, "Malformed certificate URL: the path is not a TrustedForm certificate id.");
      const method = c.req.method;
      if (method !== "POST" && method !== "GET")
        return message(c, 405, `${method} does not claim a certificate: use POST.`, { allow: "GET, POST" });
      const account = this.accountOf(c);
      if (!account)
        return message(c, 401, "Unauthorized: use Basic authentication with your API key as the password.", {
          "www-authenticate": 'Basic realm="TrustedForm"',
        });
      const versioned = this.versionOf(c, account);
      if ("refusal" in versioned) return versioned.refusal;
      const { version } = versioned;
      await addLatency(account.faults);
      const decision = decideFault(account.faults, method === "POST" ? "claim" : "view");
      if (decision.kind === "drop") return dropConnection(c);
      if (decision.kind === "error" && decision.when === "before") return gatewayError(decision.status);

      const certificate = this.certificates.get(certId);
      if (version === "4.0") return this.answer4(c, account, certificate, decision.kind === "error");
      const render = (record: ClaimRecord) =>
        version === "2.0" ? this.render2(certificate!, record) : this.render3(certificate!, record, account);
      if (method === "GET") {
        const record = certificate?.claims.filter((cl) => cl.api_key === account.api_key).at(-1);
        if (!record) return message(c, 404, "TrustedForm certificate has expired or could not be found.");
        return c.json(record.version === version ? record.response : render(record), 200);
      }
      if (!account.active) return message(c, 402, "Account is inactive.");
      if (account.balance < 1) return message(c, 402, "Account is out of funds.");
      if (!certificate || Date.parse(certificate.expires_at) < Date.now())
        return message(c, 404, "TrustedForm certificate has expired or could not be found.");
      if (certificate.sandbox)
        return message(c, 405, "This is a sandboxed certificate: it cannot be claimed.");
      if (certificate.claims.length >= certificate.max_claims)
        return message(c, 422, "The certificate has been claimed too many times.");

      const body = await this.readBody(c);
      if (!body) return message(c, 400, "The request body is not valid JSON or form data.");
      // 2.0 names the scans `scan` and `scan!`; 3.0 `required_scan_terms` and `forbidden_scan_terms`.
      const required = parseScanTerms(version === "2.0" ? body.scan : body.required_scan_terms);
      const forbidden = parseScanTerms(version === "2.0" ? body["scan!"] : body.forbidden_scan_terms);
      if (typeof required === "string" || typeof forbidden === "string")
        return message(c, 400, `Invalid scan terms: ${typeof required === "string" ? required : forbidden}.`);

      const record: ClaimRecord = {
        ...this.evaluateClaim(certificate, body, version, required, forbidden),
        id: crypto.randomBytes(12).toString("hex"),
        api_key: account.api_key,
        at: new Date().toISOString(),
        reference: typeof body.reference === "string" ? body.reference : null,
        vendor: typeof body.vendor === "string" ? body.vendor : null,
        version,
        response: null,
      };
      account.balance -= 1;
      this.accountsStore.save(this.accounts);
      certificate.claims.push(record);
      const response = render(record);
      record.response = response;
      if (decision.kind === "error") return gatewayError(decision.status);
      const override = account.faults.endpoints?.claim?.answerBody;
      if (override !== undefined)
        return c.body(override, 201, { "content-type": "application/json; charset=utf-8" });
      return c.json(response, 201);
    });
  }
}
