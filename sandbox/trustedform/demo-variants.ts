// Variants of the sample lead form (/demo-form?variant=...), one per Verify and Insights outcome, so each can be
// produced on purpose. A variant is a page (what the consumer saw, kept as the certificate's snapshot, from which
// consent-capture.ts reads the consent facts) and how it was filled in (Insights' behaviour facts). Every variant but
// the one it is about keeps the other facts good, so one variant changes one outcome.
import type { OptInType } from "./consent-capture";

export const DEMO_VARIANTS = [
  "approved",
  "unapproved",
  "many-advertisers",
  "no-tags",
  "no-consent",
  "preselected",
  "non-interactive",
  "tiny-text",
  "bot",
] as const;
export type DemoVariant = (typeof DEMO_VARIANTS)[number];

export interface Behaviour {
  bot_detected: boolean | null;
  form_input_method: string[] | null;
  seconds_on_page: number | null;
  kpm: number | null;
  wpm: number | null;
}

export const HUMAN: Behaviour = {
  bot_detected: false,
  form_input_method: ["typing"],
  seconds_on_page: 48,
  kpm: 182.4,
  wpm: 36.5,
};

/** The advertiser the demo form's single-advertiser variants name. */
export const DEMO_ADVERTISER = "Acme Mortgage";

/** The demo form's consent language since before the variants (the 3.0 tests scan for it). */
export const APPROVED_CONSENT =
  "By clicking Get my quote, I agree that Acme Mortgage and its partners may contact me at the telephone number provided, including by autodialer, and I agree to the terms of service.";
export const MANY_ADVERTISERS_CONSENT =
  "By clicking Get my quote, I agree that Acme Mortgage, Beta Lending and Gamma Home Loans may contact me at the telephone number provided, including by autodialer, and I agree to the terms of service.";
export const UNAPPROVED_CONSENT =
  "By submitting this form you agree that Acme Mortgage and its marketing partners may call or text you about offers.";

/** The approved consent languages of a new simulated account (its consent language manager). */
export const DEFAULT_APPROVED_LANGUAGES = [APPROVED_CONSENT, MANY_ADVERTISERS_CONSENT];

interface VariantSpec {
  label: string;
  /** The consent text, with {advertiser} tags, or null for a form without consent language. */
  consent: string | null;
  advertisers: string[] | "untagged";
  optIn: OptInType;
  style: { fontPx: number; color: string; background: string };
  behaviour: Behaviour;
}

const READABLE = { fontPx: 16, color: "#1e293b", background: "#ffffff" };

const SPECS: Record<DemoVariant, VariantSpec> = {
  approved: {
    label: "Approved language, one advertiser",
    consent: APPROVED_CONSENT,
    advertisers: [DEMO_ADVERTISER],
    optIn: "manual",
    style: READABLE,
    behaviour: HUMAN,
  },
  unapproved: {
    label: "Language not approved",
    consent: UNAPPROVED_CONSENT,
    advertisers: [DEMO_ADVERTISER],
    optIn: "manual",
    style: READABLE,
    behaviour: HUMAN,
  },
  "many-advertisers": {
    label: "Consent to several advertisers",
    consent: MANY_ADVERTISERS_CONSENT,
    advertisers: [DEMO_ADVERTISER, "Beta Lending", "Gamma Home Loans"],
    optIn: "manual",
    style: READABLE,
    behaviour: HUMAN,
  },
  "no-tags": {
    label: "No consent tags (1:1 not checkable)",
    consent: APPROVED_CONSENT,
    advertisers: "untagged",
    optIn: "manual",
    style: READABLE,
    behaviour: HUMAN,
  },
  "no-consent": {
    label: "No consent language",
    consent: null,
    advertisers: "untagged",
    optIn: "non-interactive",
    style: READABLE,
    behaviour: HUMAN,
  },
  preselected: {
    label: "Pre-selected opt-in checkbox",
    consent: APPROVED_CONSENT,
    advertisers: [DEMO_ADVERTISER],
    optIn: "pre-selected",
    style: READABLE,
    behaviour: HUMAN,
  },
  "non-interactive": {
    label: "No opt-in checkbox (consent by submitting)",
    consent: APPROVED_CONSENT,
    advertisers: [DEMO_ADVERTISER],
    optIn: "non-interactive",
    style: READABLE,
    behaviour: HUMAN,
  },
  "tiny-text": {
    label: "Tiny, low-contrast consent text",
    consent: APPROVED_CONSENT,
    advertisers: [DEMO_ADVERTISER],
    optIn: "manual",
    style: { fontPx: 9, color: "#c8c8c8", background: "#ffffff" },
    behaviour: HUMAN,
  },
  bot: {
    label: "Bot-like instant fill",
    consent: APPROVED_CONSENT,
    advertisers: [DEMO_ADVERTISER],
    optIn: "manual",
    style: READABLE,
    behaviour: {
      bot_detected: true,
      form_input_method: ["autofill", "paste"],
      seconds_on_page: 1,
      kpm: 0,
      wpm: 0,
    },
  },
};

export function isDemoVariant(value: unknown): value is DemoVariant {
  return typeof value === "string" && (DEMO_VARIANTS as readonly string[]).includes(value);
}

export function variantLabel(variant: DemoVariant): string {
  return SPECS[variant].label;
}

export function variantBehaviour(variant: DemoVariant): Behaviour {
  return structuredClone(SPECS[variant].behaviour);
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** The consent block of a variant: tagged consent language, advertiser tags, opt-in checkbox. */
export function consentBlockHtml(variant: DemoVariant): string {
  const spec = SPECS[variant];
  const optIn =
    spec.optIn === "non-interactive"
      ? ""
      : `<label class="opt-in"><input type="checkbox" name="consent" value="yes" data-tf-element-role="consent-opt-in"${spec.optIn === "pre-selected" ? " checked" : " required"}> I agree</label>`;
  if (spec.consent === null) return optIn;
  let html = escapeHtml(spec.consent);
  if (spec.advertisers !== "untagged") {
    for (const advertiser of spec.advertisers) {
      const escaped = escapeHtml(advertiser);
      html = html.replace(escaped, `<span data-tf-element-role="consent-advertiser-name">${escaped}</span>`);
    }
  }
  const { fontPx, color, background } = spec.style;
  return `${optIn}<p class="consent" data-tf-element-role="consent-language" style="font-size:${fontPx}px;color:${color};background-color:${background}">${html}</p>`;
}

/**
 * The whole page of a variant, as the consumer sees it. The certificate's snapshot keeps it without the list of
 * variants (`navigation: false`), which belongs to the simulator, not to the form.
 */
export function demoFormHtml(variant: DemoVariant, navigation = true): string {
  const others = DEMO_VARIANTS.map(
    (v) =>
      `<li><a href="/demo-form?variant=${v}">${escapeHtml(SPECS[v].label)}</a>${v === variant ? " (this page)" : ""}</li>`,
  ).join("");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Acme Mortgage - get a quote</title>
<style>body{font-family:system-ui,sans-serif;max-width:34rem;margin:3rem auto;padding:0 1rem;color:#1e293b;background:#fff}label{display:block;margin-top:1rem}input{width:100%;padding:.5rem;margin-top:.25rem}label.opt-in input{width:auto}button{margin-top:1.5rem;padding:.6rem 1.2rem}nav{margin-top:3rem;font-size:.85rem}</style></head>
<body><h1>Get your mortgage quote</h1><form method="post" action="/demo-form?variant=${variant}">
<input type="hidden" name="variant" value="${variant}">
<label>Full name<input name="name" required></label><label>Email<input name="email" type="email" required></label>
<label>Phone<input name="phone" required></label>${consentBlockHtml(variant)}
<button type="submit">Get my quote</button></form>
${navigation ? `<nav aria-label="Form variants (TrustedForm simulator)"><p>Variants of this form:</p><ul>${others}</ul></nav>` : ""}</body></html>`;
}
