// The words of the 4.0 API that pages in the browser need too (the policy editor): no Node module behind them.
/** Every Insights data point the 4.0 API names (trustedform-v4.md; the portal's request sample). */
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
export type InsightsProperty = (typeof INSIGHTS_PROPERTIES)[number];

export const OPT_IN_TYPES = ["manual", "pre-selected", "non-interactive"] as const;
export type OptInType = (typeof OPT_IN_TYPES)[number];
