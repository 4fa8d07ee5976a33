"use client";
// The TrustedForm 4.0 part of a claim policy: which Insights data points to ask for (each charged when returned, so
// presets keep it to what a team uses), Verify criteria, and the rules that give each claim a verdict.
import { INSIGHTS_PROPERTIES, OPT_IN_TYPES } from "@/lib/trustedform/v4/v4-vocabulary";
import { describePolicyRule, type PolicyRule } from "@/lib/trustedform/v4/evaluate-policy-rules";
import type { PolicyV4Input } from "@/lib/claims/v4/policy-v4-input";
import { inputClass } from "@/components/ui/form-field";

type Property = PolicyV4Input["insightsProperties"][number];

const PRESETS: Array<{ name: string; properties: Property[] }> = [
  { name: "None", properties: [] },
  {
    name: "Fraud basics",
    properties: ["bot_detected", "confirmed_owner", "form_input_method", "seconds_on_page"],
  },
  {
    name: "Compliance review",
    properties: ["bot_detected", "seconds_on_page", "form_input_method", "page_url", "domain", "is_framed"],
  },
];

const PROPERTY_WORDS: Record<Property, string> = {
  age_seconds: "Certificate age",
  approx_ip_geo: "Approximate place (from IP)",
  bot_detected: "Bot detected",
  browser: "Browser",
  confirmed_owner: "Confirmed owner",
  created_at: "Created at",
  domain: "Domain",
  expires_at: "Expires at",
  form_input_kpm: "Keys per minute",
  form_input_method: "Form input method (typing, paste, autofill)",
  form_input_wpm: "Words per minute",
  ip: "IP address",
  is_framed: "Framed page",
  is_masked: "Masked certificate",
  num_sensitive_content_elements: "Sensitive content elements",
  num_sensitive_form_elements: "Sensitive form elements",
  os: "Operating system",
  page_url: "Page URL",
  parent_page_url: "Parent page URL",
  seconds_on_page: "Time on page",
};

const RULES: PolicyRule[] = [
  { kind: "no_bot_detected" },
  { kind: "one_to_one_consent" },
  { kind: "consent_language_approved" },
  { kind: "lead_matched" },
  { kind: "outcome_success" },
  { kind: "min_seconds_on_page", seconds: 5 },
];

export function PolicyV4Fields({
  value,
  onChange,
  disabled,
  prefix,
}: {
  value: PolicyV4Input;
  onChange: (patch: Partial<PolicyV4Input>) => void;
  disabled: boolean;
  prefix: string;
}) {
  const toggle = <T,>(list: T[], item: T) =>
    list.includes(item) ? list.filter((x) => x !== item) : [...list, item];
  const ruleOf = (kind: PolicyRule["kind"]) => value.rules.find((rule) => rule.kind === kind);
  const setRule = (rule: PolicyRule, on: boolean) =>
    onChange({
      rules: on
        ? [...value.rules.filter((r) => r.kind !== rule.kind), rule]
        : value.rules.filter((r) => r.kind !== rule.kind),
    });
  const seconds = ruleOf("min_seconds_on_page");

  return (
    <fieldset className="space-y-5 rounded-md border border-slate-200 p-4" data-testid={`${prefix}-v4`}>
      <legend className="px-1 text-sm font-semibold text-slate-900">TrustedForm 4.0</legend>
      <p className="text-xs text-slate-500">
        Used when the tenant claims with API 4.0 (Settings &gt; Claim policies). Scans above apply to both
        versions.
      </p>

      <div>
        <p className="text-sm font-medium text-slate-800">Insights data points</p>
        <p className="text-xs text-slate-500">
          Charged per data point returned: {value.insightsProperties.length} selected, so at most{" "}
          {value.insightsProperties.length} charged data point
          {value.insightsProperties.length === 1 ? "" : "s"} per claim.
        </p>
        <div className="mt-2 flex flex-wrap gap-2">
          {PRESETS.map((preset) => (
            <button
              key={preset.name}
              type="button"
              disabled={disabled}
              onClick={() => onChange({ insightsProperties: preset.properties })}
              className="rounded border border-slate-300 px-2 py-1 text-xs text-slate-700 hover:bg-slate-50"
            >
              {preset.name}
            </button>
          ))}
        </div>
        <div className="mt-2 grid grid-cols-1 gap-1 sm:grid-cols-2">
          {INSIGHTS_PROPERTIES.map((property) => (
            <label key={property} className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                disabled={disabled}
                checked={value.insightsProperties.includes(property)}
                onChange={() => onChange({ insightsProperties: toggle(value.insightsProperties, property) })}
              />
              {PROPERTY_WORDS[property]}
            </label>
          ))}
        </div>
      </div>

      <div className="space-y-2">
        <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
          <input
            type="checkbox"
            disabled={disabled}
            checked={value.verify}
            onChange={(e) => onChange({ verify: e.target.checked })}
          />
          Verify consent (approved language, 1:1 consent)
        </label>
        {value.verify ? (
          <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
            <div className="sm:col-span-3">
              <label htmlFor={`${prefix}-advertiser`} className="block text-sm text-slate-700">
                Advertiser legal name (for 1:1 consent)
              </label>
              <input
                id={`${prefix}-advertiser`}
                value={value.verifyAdvertiserName}
                disabled={disabled}
                onChange={(e) => onChange({ verifyAdvertiserName: e.target.value })}
                className={`mt-1 ${inputClass}`}
              />
            </div>
            <div>
              <label htmlFor={`${prefix}-font`} className="block text-sm text-slate-700">
                Minimum font size (px)
              </label>
              <input
                id={`${prefix}-font`}
                inputMode="decimal"
                value={value.verifyMinFontSizePx}
                disabled={disabled}
                onChange={(e) => onChange({ verifyMinFontSizePx: e.target.value })}
                className={`mt-1 ${inputClass}`}
              />
            </div>
            <div>
              <label htmlFor={`${prefix}-contrast`} className="block text-sm text-slate-700">
                Minimum contrast ratio
              </label>
              <input
                id={`${prefix}-contrast`}
                inputMode="decimal"
                value={value.verifyMinContrastRatio}
                disabled={disabled}
                onChange={(e) => onChange({ verifyMinContrastRatio: e.target.value })}
                className={`mt-1 ${inputClass}`}
              />
            </div>
            <div>
              <p className="text-sm text-slate-700">Allowed opt-in types</p>
              {OPT_IN_TYPES.map((type) => (
                <label key={type} className="flex items-center gap-2 text-sm text-slate-700">
                  <input
                    type="checkbox"
                    disabled={disabled}
                    checked={value.verifyOptInTypes.includes(type)}
                    onChange={() => onChange({ verifyOptInTypes: toggle(value.verifyOptInTypes, type) })}
                  />
                  {type}
                </label>
              ))}
            </div>
          </div>
        ) : null}
      </div>

      <div>
        <p className="text-sm font-medium text-slate-800">Rules for a verdict</p>
        <p className="text-xs text-slate-500">
          A claim that breaks a rule is marked “fails the policy” with the reason. The reviewer still decides.
        </p>
        <div className="mt-2 space-y-1">
          {RULES.map((rule) => (
            <label key={rule.kind} className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                disabled={disabled}
                checked={Boolean(ruleOf(rule.kind))}
                onChange={(e) =>
                  setRule(rule.kind === "min_seconds_on_page" ? (seconds ?? rule) : rule, e.target.checked)
                }
              />
              {rule.kind === "min_seconds_on_page"
                ? "Time on page must be at least"
                : describePolicyRule(rule)}
              {rule.kind === "min_seconds_on_page" ? (
                <>
                  <input
                    aria-label="Minimum seconds on page"
                    type="number"
                    min={1}
                    disabled={disabled || !seconds}
                    value={seconds && seconds.kind === "min_seconds_on_page" ? seconds.seconds : 5}
                    onChange={(e) =>
                      setRule({ kind: "min_seconds_on_page", seconds: Number(e.target.value) || 1 }, true)
                    }
                    className="w-20 rounded border border-slate-300 px-2 py-0.5 text-sm"
                  />
                  s
                </>
              ) : null}
            </label>
          ))}
        </div>
      </div>
    </fieldset>
  );
}
