// A TrustedForm 4.0 claim in words: the outcome and its reason, lead matching, Retain, Verify (consent language,
// 1:1 consent, font size, contrast, opt-in type), Insights, and the policy's rules. Server component: no data access,
// everything comes from the claim and its parsed answer.
import { describeLeadMatch, type RuleResult } from "@/lib/trustedform/v4/evaluate-policy-rules";
import type { V4InsightsProperties, V4Response } from "@/lib/trustedform/v4/read-v4-response";
import { verifyFailuresIn } from "@/lib/trustedform/v4/read-v4-response";
import { formatDate } from "@/lib/text/format-date";

interface Props {
  response: V4Response;
  verdict: "pass" | "fail" | null;
  rules: Array<Pick<RuleResult, "passed" | "known" | "words">>;
  policyName: string | null;
}

function Card({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5" data-testid={testId}>
      <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
      <div className="mt-3 text-sm">{children}</div>
    </section>
  );
}

function Mark({ good, children }: { good: boolean | null; children: React.ReactNode }) {
  const tone =
    good === null
      ? "bg-slate-100 text-slate-700"
      : good
        ? "bg-green-50 text-green-800"
        : "bg-red-50 text-red-800";
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${tone}`}>{children}</span>;
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex gap-3 py-1">
      <dt className="w-44 shrink-0 text-slate-500">{label}</dt>
      <dd className="text-slate-900">{children}</dd>
    </div>
  );
}

const yesNo = (value: boolean | null | undefined) =>
  value === null || value === undefined ? "—" : value ? "yes" : "no";

function oneToOneWords(response: V4Response): { text: string; good: boolean | null } {
  const value = response.verify?.one_to_one;
  if (value === true) return { text: "yes: the form names exactly this advertiser", good: true };
  if (value === false) return { text: "no: the form does not name this advertiser alone", good: false };
  const why = verifyFailuresIn(response.reason).includes("no_consent_tags")
    ? "the form has not been set up for the One to One Consent Check (no consent tags)"
    : !response.verify?.advertiser_name
      ? "no advertiser name was given (set one in the policy or the TrustedForm account)"
      : "TrustedForm could not check it for this certificate";
  return { text: `not checkable: ${why}`, good: null };
}

function insightRows(p: V4InsightsProperties): Array<[string, React.ReactNode]> {
  const rows: Array<[string, React.ReactNode]> = [];
  const add = (label: string, value: React.ReactNode | null | undefined) => {
    if (value !== null && value !== undefined && value !== "") rows.push([label, value]);
  };
  add(
    "Confirmed owner",
    typeof p.confirmed_owner === "boolean" ? yesNo(p.confirmed_owner) : p.confirmed_owner,
  );
  add("Time on page", p.seconds_on_page !== null ? `${p.seconds_on_page} s` : null);
  add("Form input", p.form_input_method?.length ? p.form_input_method.join(", ") : null);
  add("Typing speed", p.form_input_wpm !== null ? `${Math.round(p.form_input_wpm)} words/min` : null);
  add("Keys per minute", p.form_input_kpm !== null ? Math.round(p.form_input_kpm) : null);
  add("Page", p.page_url);
  add("Framed", p.is_framed === null ? null : yesNo(p.is_framed));
  add("Browser", p.browser?.full ?? p.browser?.name);
  add(
    "Operating system",
    p.os ? `${p.os.full ?? p.os.name ?? "?"}${p.os.is_mobile ? " (mobile)" : ""}` : null,
  );
  add("IP", p.ip);
  add(
    "Approximate place",
    p.approx_ip_geo
      ? [p.approx_ip_geo.city, p.approx_ip_geo.state, p.approx_ip_geo.country_code].filter(Boolean).join(", ")
      : null,
  );
  add("Certificate age", p.age_seconds !== null ? `${Math.round(p.age_seconds / 3600)} h` : null);
  return rows;
}

export function ClaimV4Details({ response, verdict, rules, policyName }: Props) {
  const lead = describeLeadMatch(response.match_lead);
  const verify = response.verify;
  const properties = response.insights?.properties ?? null;
  const oneToOne = oneToOneWords(response);
  return (
    <div className="space-y-4" data-testid="claim-v4">
      <Card title="TrustedForm 4.0 outcome" testId="v4-outcome">
        <dl>
          <Fact label="Outcome">
            <Mark good={response.outcome === "success" ? true : response.outcome ? false : null}>
              {response.outcome ?? "not given"}
            </Mark>
          </Fact>
          {response.reason ? <Fact label="Reason">{response.reason}</Fact> : null}
          <Fact label="Lead match">{lead ?? "not asked (no email or phone was given)"}</Fact>
          <Fact label="Retained">
            {response.retain
              ? `${response.retain.expires_at ? `until ${formatDate(response.retain.expires_at)}` : "yes"}${
                  response.retain.previously_retained ? " (it was already retained before)" : ""
                }`
              : "no"}
          </Fact>
        </dl>
      </Card>

      {rules.length ? (
        <Card title={`Policy rules${policyName ? ` (${policyName})` : ""}`} testId="v4-rules">
          <p className="mb-2">
            Verdict:{" "}
            <Mark good={verdict === "pass"}>
              {verdict === "pass" ? "passes the policy" : "fails the policy"}
            </Mark>{" "}
            <span className="text-slate-500">— a recommendation; the reviewer decides.</span>
          </p>
          <ul className="space-y-1">
            {rules.map((rule) => (
              <li key={rule.words}>
                <Mark good={rule.passed}>{rule.passed ? "passed" : "failed"}</Mark> {rule.words}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      {verify ? (
        <Card title="Consent (Verify)" testId="v4-verify">
          <dl>
            <Fact label="Consent language">
              {verify.languages.length ? (
                <ul className="space-y-1">
                  {verify.languages.map((language, index) => (
                    <li key={index} className="italic">
                      “{language.text ?? "(no text)"}”
                    </li>
                  ))}
                </ul>
              ) : (
                "none detected on the page"
              )}
            </Fact>
            <Fact label="Language approved">
              <Mark good={verify.language_approved}>{yesNo(verify.language_approved)}</Mark>
            </Fact>
            <Fact label="1:1 consent">
              <Mark good={oneToOne.good}>{oneToOne.text}</Mark>
            </Fact>
            {verify.languages.map((language, index) => (
              <Fact
                key={`style-${index}`}
                label={verify.languages.length > 1 ? `Text ${index + 1}` : "Text style"}
              >
                {[
                  language.font_size_px !== null ? `font ${language.font_size_px} px` : null,
                  language.contrast_ratio !== null ? `contrast ${language.contrast_ratio}:1` : null,
                  language.opt_in_type ? `opt-in ${language.opt_in_type}` : null,
                ]
                  .filter(Boolean)
                  .join(" · ") || "not reported"}
              </Fact>
            ))}
            {verify.advertiser_name ? <Fact label="Advertiser checked">{verify.advertiser_name}</Fact> : null}
          </dl>
        </Card>
      ) : null}

      {properties ? (
        <Card title="Insights" testId="v4-insights">
          {properties.bot_detected !== null ? (
            <p
              className={`mb-3 rounded px-3 py-2 font-medium ${
                properties.bot_detected ? "bg-red-50 text-red-800" : "bg-green-50 text-green-800"
              }`}
              data-testid="v4-bot"
            >
              {properties.bot_detected ? "Bot detected" : "No bot detected"}
            </p>
          ) : null}
          <dl>
            {insightRows(properties).map(([label, value]) => (
              <Fact key={label} label={label}>
                {value}
              </Fact>
            ))}
          </dl>
          {response.insights?.returned.length ? (
            <p className="mt-2 text-xs text-slate-500">
              Charged for {response.insights.returned.length} data point
              {response.insights.returned.length === 1 ? "" : "s"} returned.
            </p>
          ) : null}
        </Card>
      ) : null}
    </div>
  );
}
