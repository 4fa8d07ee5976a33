import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageMember } from "@/app/_auth/require-member";
import { hasRole } from "@/lib/auth/roles";
import { getClaim } from "@/lib/claims/claim-details";
import { ClaimOutcomeBadge, FoundMark } from "@/components/claims/claim-badges";
import { ClaimDecision, RecheckButton } from "@/components/claims/claim-decision";
import { Alert } from "@/components/ui/alert";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { decideClaimAction, recheckClaimAction } from "../actions";
import { DisplayName } from "@/components/ui/display-name";

export const metadata: Metadata = { title: "Claim" };

const WARNING_WORDS: Record<string, string> = {
  "string not found in snapshot": "A required consent term is missing from the page.",
  "string found in snapshot": "A forbidden term is on the page.",
  "none of the provided fingerprints match":
    "The lead's email and phone do not match what was typed into the form.",
};

const time = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" });

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
      <div className="mt-3 text-sm">{children}</div>
    </section>
  );
}

export default async function ClaimPage({ params }: { params: Promise<{ id: string }> }) {
  const member = await requirePageMember("viewer");
  const claim = await getClaim(member, (await params).id);
  if (!claim) notFound();
  const response = claim.response;
  const cert = response?.cert;
  const scans = response?.scans;
  const facts: Array<[string, unknown]> = cert
    ? [
        ["Page URL", cert.page_url],
        ["Domain", cert.domain],
        ["Created", cert.created_at],
        ["Expires", cert.expires_at],
        [
          "IP and place",
          [cert.ip, cert.approx_ip_geo?.city, cert.approx_ip_geo?.state, cert.approx_ip_geo?.country_code]
            .filter(Boolean)
            .join(", "),
        ],
        ["Browser", cert.browser?.full],
        ["Operating system", cert.operating_system?.full],
        [
          "Input",
          [cert.form_input_method, cert.is_mobile ? "mobile" : "desktop", cert.is_framed ? "framed" : null]
            .filter(Boolean)
            .join(", "),
        ],
        ["Time on form", cert.event_duration_ms ? `${Math.round(cert.event_duration_ms / 1000)} s` : null],
        ["Typing", cert.wpm ? `${cert.wpm} words/min, ${cert.kpm} keys/min` : null],
      ]
    : [];
  return (
    <>
      <Breadcrumb href="/claims" label="Claims" />
      <PageHeader
        title={`Certificate ${claim.certId.slice(0, 12)}…`}
        description={
          <span className="inline-flex items-center gap-2">
            <ClaimOutcomeBadge status={claim.status} outcome={claim.outcome} />{" "}
            {claim.vendor ? (
              <span>
                from <DisplayName value={claim.vendor} />
              </span>
            ) : null}{" "}
            {claim.reference ? (
              <span>
                · reference <DisplayName value={claim.reference} />
              </span>
            ) : null}
          </span>
        }
      />
      <div className="grid gap-5 lg:grid-cols-3">
        <div className="space-y-5 lg:col-span-2">
          {claim.errorMessage ? (
            <Alert tone={claim.status === "failed" ? "error" : "info"}>{claim.errorMessage}</Alert>
          ) : null}
          {claim.status === "unknown" && hasRole(member.role, "reviewer") ? (
            <RecheckButton claimId={claim.id} recheck={recheckClaimAction} />
          ) : null}
          {scans ? (
            <Section title={`Consent language${claim.policyName ? ` (policy: ${claim.policyName})` : ""}`}>
              <table className="w-full text-left" data-testid="scan-results">
                <thead className="text-xs uppercase text-slate-500">
                  <tr>
                    <th scope="col" className="py-1.5">
                      Term
                    </th>
                    <th scope="col" className="py-1.5">
                      Kind
                    </th>
                    <th scope="col" className="py-1.5">
                      Result
                    </th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {[
                    ...scans.required_found.map((term) => ({
                      term,
                      kind: "required",
                      found: true,
                      good: true,
                    })),
                    ...scans.required_not_found.map((term) => ({
                      term,
                      kind: "required",
                      found: false,
                      good: false,
                    })),
                    ...scans.forbidden_found.map((term) => ({
                      term,
                      kind: "forbidden",
                      found: true,
                      good: false,
                    })),
                    ...scans.forbidden_not_found.map((term) => ({
                      term,
                      kind: "forbidden",
                      found: false,
                      good: true,
                    })),
                  ].map((row) => (
                    <tr key={`${row.kind}-${row.term}`}>
                      <td className="py-2 pr-3 font-mono text-xs">{row.term}</td>
                      <td className="py-2 pr-3 text-slate-600">{row.kind}</td>
                      <td className="py-2">
                        <FoundMark good={row.good}>{row.found ? "found" : "not found"}</FoundMark>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {scans.required_found.length +
                scans.required_not_found.length +
                scans.forbidden_found.length +
                scans.forbidden_not_found.length ===
              0 ? (
                <p className="text-slate-600">No scan terms were sent.</p>
              ) : null}
            </Section>
          ) : null}
          {response ? (
            <Section title="Lead fingerprints">
              {response.fingerprints.matching.length + response.fingerprints.non_matching.length === 0 ? (
                <p className="text-slate-600">No email or phone was given.</p>
              ) : (
                <ul className="space-y-1.5 font-mono text-xs" data-testid="fingerprints">
                  {response.fingerprints.matching.map((f) => (
                    <li key={f}>
                      <FoundMark good>matches</FoundMark> {f}
                    </li>
                  ))}
                  {response.fingerprints.non_matching.map((f) => (
                    <li key={f}>
                      <FoundMark good={false}>no match</FoundMark> {f}
                    </li>
                  ))}
                </ul>
              )}
            </Section>
          ) : null}
          {response && response.warnings.length ? (
            <Section title="Warnings">
              <ul className="list-disc space-y-1 pl-5">
                {response.warnings.map((w) => (
                  <li key={w}>{WARNING_WORDS[w] ?? w}</li>
                ))}
              </ul>
            </Section>
          ) : null}
          {response ? (
            <details className="rounded-lg border border-slate-200 bg-white p-5">
              <summary className="cursor-pointer text-sm font-semibold text-slate-900">Raw response</summary>
              <pre className="mt-3 max-h-96 overflow-auto rounded bg-slate-50 p-3 text-xs">
                {JSON.stringify(response, null, 2)}
              </pre>
            </details>
          ) : null}
        </div>
        <div className="space-y-5">
          <Section title="Review">
            {claim.decision ? (
              <p data-testid="decision">
                <strong className={claim.decision === "accepted" ? "text-emerald-700" : "text-red-700"}>
                  {claim.decision === "accepted" ? "Accepted" : "Rejected"}
                </strong>{" "}
                by <DisplayName value={claim.decidedByEmail} /> on{" "}
                {claim.decidedAt ? time.format(claim.decidedAt) : ""}
                {claim.decisionReason ? (
                  <>
                    : <DisplayName value={claim.decisionReason} />
                  </>
                ) : (
                  "."
                )}
              </p>
            ) : (
              <p className="text-slate-600">Not reviewed yet.</p>
            )}
            {claim.status === "claimed" && hasRole(member.role, "reviewer") ? (
              <div className="mt-4">
                <ClaimDecision claimId={claim.id} decide={decideClaimAction} />
              </div>
            ) : null}
          </Section>
          <Section title="Certificate">
            <dl className="space-y-2">
              <div>
                <dt className="text-xs text-slate-500">Certificate</dt>
                <dd className="break-all font-mono text-xs">{claim.certUrl}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Masked</dt>
                <dd>
                  {response?.is_masked ? "Yes: the certificate's details are masked by TrustedForm" : "No"}
                </dd>
              </div>
              {facts
                .filter(([, v]) => v)
                .map(([label, value]) => (
                  <div key={label}>
                    <dt className="text-xs text-slate-500">{label}</dt>
                    <dd className="break-words">
                      <DisplayName value={String(value)} />
                    </dd>
                  </div>
                ))}
              <div>
                <dt className="text-xs text-slate-500">Claimed</dt>
                <dd>
                  {claim.claimedAt ? time.format(claim.claimedAt) : "—"} by{" "}
                  <DisplayName value={claim.createdByEmail} />
                </dd>
              </div>
            </dl>
          </Section>
        </div>
      </div>
    </>
  );
}
