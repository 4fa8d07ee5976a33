import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageMember } from "@/app/_auth/require-member";
import { hasRole } from "@/lib/auth/roles";
import { getClaim } from "@/lib/claims/get-claim";
import type { Software } from "@/lib/trustedform/read-claim-response";
import { ClaimOutcomeBadge, FoundMark } from "@/components/claims/claim-badges";
import {
  ClaimDecision,
  RecheckButton,
  ResolveUnknownClaim,
  ReviewNavigation,
} from "@/components/claims/claim-decision";
import { findReviewNeighbours } from "@/lib/claims/find-review-neighbours";
import { ClaimV4Details } from "@/components/claims/claim-v4-details";
import { Alert } from "@/components/ui/alert";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { PageHeader } from "@/components/ui/page-header";
import { decideClaimAction, recheckClaimAction, resolveUnknownClaimAction } from "../actions";
import { DisplayName } from "@/components/ui/display-name";
import { DownloadBundleLink } from "@/components/bundles/download-bundle-link";
import { Time } from "@/components/ui/time";
import { formatDateTime } from "@/lib/text/format-date";

/** A vendor's timestamp in Certdesk's format; anything that is not a date is shown as the vendor sent it. */
const vendorTime = (value: unknown) =>
  typeof value === "string" && !Number.isNaN(Date.parse(value)) ? formatDateTime(value) : value;

export const metadata: Metadata = { title: "Claim" };

const WARNING_WORDS: Record<string, string> = {
  "string not found in snapshot": "A required consent term is missing from the page.",
  "string found in snapshot": "A forbidden term is on the page.",
  "none of the provided fingerprints match":
    "The lead's email and phone do not match what was typed into the form.",
  "snapshot scan failed":
    "TrustedForm could not scan the page snapshot, so the consent terms were not checked.",
};

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 className="text-sm font-semibold text-slate-900">{title}</h2>
      <div className="mt-3 text-sm">{children}</div>
    </section>
  );
}

function softwareLabel(software: Software | null | undefined): string | null {
  if (!software) return null;
  const parts = software.version;
  const version =
    parts?.full ?? ([parts?.major, parts?.minor, parts?.patch].filter(Boolean).join(".") || null);
  const base = software.full ?? software.name;
  if (!base) return version;
  return version && !base.includes(version) ? `${base} ${version}` : base;
}

function yesNo(value: boolean | null | undefined, yes: string, no: string | null): string | null {
  return value === true ? yes : value === false ? no : null;
}

/** A URL from TrustedForm's answer: a link only when it is https, otherwise shown as text. */
function ServiceLink({ href }: { href: string }) {
  let safe = false;
  try {
    safe = new URL(href).protocol === "https:";
  } catch {
    safe = false;
  }
  return safe ? (
    <a href={href} target="_blank" rel="noreferrer noopener" className="break-all text-sky-700 underline">
      {href}
    </a>
  ) : (
    <span className="break-all font-mono text-xs">{href}</span>
  );
}

export default async function ClaimPage({ params }: { params: Promise<{ id: string }> }) {
  const member = await requirePageMember("viewer");
  const claim = await getClaim(member, (await params).id);
  if (!claim) notFound();
  const neighbours = await findReviewNeighbours(member, claim.id);
  const response = claim.response;
  const cert = response?.cert;
  const scans = response?.scans;
  const gaveContact = Boolean(claim.emailFingerprint || claim.phoneFingerprint);
  const fingerprints = response?.fingerprints ?? null;
  const fingerprintCount = fingerprints ? fingerprints.matching.length + fingerprints.non_matching.length : 0;
  const facts: Array<[string, unknown]> = cert
    ? [
        ["Page URL", cert.page_url],
        ["Parent page URL", cert.parent_page_url],
        ["Domain", cert.domain],
        ["Certificate id", cert.cert_id],
        ["Created", vendorTime(cert.created_at)],
        ["Expires", vendorTime(cert.expires_at)],
        ["Age when claimed", cert.age_seconds !== null ? `${cert.age_seconds} s` : null],
        [
          "IP and place",
          [
            cert.ip,
            cert.approx_ip_geo?.city,
            cert.approx_ip_geo?.state,
            cert.approx_ip_geo?.postal_code,
            cert.approx_ip_geo?.country_code,
            cert.approx_ip_geo?.time_zone,
          ]
            .filter(Boolean)
            .join(", "),
        ],
        ["Browser", softwareLabel(cert.browser)],
        ["Operating system", softwareLabel(cert.operating_system)],
        [
          "Input",
          [
            cert.form_input_method?.join(" and "),
            yesNo(cert.is_mobile, "mobile", "desktop"),
            yesNo(cert.is_framed, "framed", null),
          ]
            .filter(Boolean)
            .join(", "),
        ],
        [
          "Time on form",
          cert.event_duration_ms !== null ? `${Math.round(cert.event_duration_ms / 1000)} s` : null,
        ],
        [
          "Typing",
          cert.wpm !== null || cert.kpm !== null
            ? `${cert.wpm ?? "?"} words/min, ${cert.kpm ?? "?"} keys/min`
            : null,
        ],
        ["User agent", cert.user_agent],
        ["Page id", cert.page_id],
      ]
    : [];
  return (
    <>
      <Breadcrumb href="/claims" label="Claims" />
      <DownloadBundleLink href={`/claims/${claim.id}/bundle`} />
      <ReviewNavigation next={neighbours.next} previous={neighbours.previous} />
      <PageHeader
        title={`Certificate ${claim.certId.slice(0, 12)}…`}
        description={
          <span className="inline-flex items-center gap-2">
            <ClaimOutcomeBadge status={claim.status} outcome={response?.outcome ?? claim.outcome} />{" "}
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
            <Alert tone={claim.status === "failed" ? "error" : "info"}>
              <span data-testid="claim-note">{claim.errorMessage}</span>
            </Alert>
          ) : null}
          {response?.reason ? (
            <p className="text-sm text-slate-700" data-testid="claim-reason">
              TrustedForm&apos;s reason: {response.reason}
            </p>
          ) : null}
          {claim.status === "unknown" && hasRole(member.role, "reviewer") ? (
            claim.apiVersion === "v4_0" ? (
              <ResolveUnknownClaim claimId={claim.id} resolve={resolveUnknownClaimAction} />
            ) : (
              <RecheckButton claimId={claim.id} recheck={recheckClaimAction} />
            )
          ) : null}
          {claim.v4 ? (
            <ClaimV4Details
              response={claim.v4}
              verdict={claim.verdict}
              rules={claim.verdictRules}
              policyName={claim.policyName}
            />
          ) : null}
          {response && !scans && claim.requiredTerms.length + claim.forbiddenTerms.length > 0 ? (
            <Section title="Consent language">
              <p className="text-slate-600" data-testid="no-scan-result">
                Scan terms were sent, but TrustedForm returned no scan result.
              </p>
            </Section>
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
              {!gaveContact && fingerprintCount === 0 ? (
                <p className="text-slate-600">No email or phone was given.</p>
              ) : fingerprintCount === 0 ? (
                <p className="text-amber-800" data-testid="no-fingerprint-result">
                  TrustedForm returned no fingerprint result at all: the lead&apos;s email and phone were sent
                  but not checked against the certificate (the parameter may have been ignored).
                </p>
              ) : (
                <ul className="space-y-1.5 font-mono text-xs" data-testid="fingerprints">
                  {[...new Set(fingerprints!.matching)].map((f) => (
                    <li key={`m-${f}`}>
                      <FoundMark good>matches</FoundMark> {f}
                    </li>
                  ))}
                  {[...new Set(fingerprints!.non_matching)].map((f) => (
                    <li key={`n-${f}`}>
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
          {claim.unreadable.length ? (
            <Section title="Not readable in TrustedForm's answer">
              <p className="text-slate-600">
                These fields were in the answer in a shape Certdesk does not read: they are left out above,
                and kept with the claim&apos;s raw answer.
              </p>
              <ul className="mt-2 list-disc space-y-1 pl-5 font-mono text-xs" data-testid="unreadable">
                {claim.unreadable.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </Section>
          ) : null}
          {claim.rawResponse !== null ? (
            <details className="rounded-lg border border-slate-200 bg-white p-5">
              <summary className="cursor-pointer text-sm font-semibold text-slate-900">
                Raw answer from TrustedForm
              </summary>
              <pre
                className="mt-3 max-h-96 overflow-auto rounded bg-slate-50 p-3 text-xs"
                data-testid="raw-response"
              >
                {typeof claim.rawResponse === "string"
                  ? claim.rawResponse
                  : JSON.stringify(claim.rawResponse, null, 2)}
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
                {claim.decidedAt ? <Time value={claim.decidedAt} /> : ""}
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
                <ClaimDecision
                  claimId={claim.id}
                  decide={decideClaimAction}
                  failsPolicy={claim.verdict === "fail"}
                  nextHref={neighbours.next ? `/claims/${neighbours.next}` : null}
                />
              </div>
            ) : null}
          </Section>
          <Section title="Certificate">
            <dl className="space-y-2" data-testid="certificate-facts">
              <div>
                <dt className="text-xs text-slate-500">Certificate</dt>
                <dd className="break-all font-mono text-xs">{claim.certUrl}</dd>
              </div>
              <div>
                <dt className="text-xs text-slate-500">Masked</dt>
                <dd>
                  {response?.is_masked === true
                    ? "Yes: the certificate's details are masked by TrustedForm"
                    : response?.is_masked === false
                      ? "No"
                      : "Not reported"}
                </dd>
              </div>
              {response?.masked_cert_url ? (
                <div>
                  <dt className="text-xs text-slate-500">Masked certificate URL</dt>
                  <dd>
                    <ServiceLink href={response.masked_cert_url} />
                  </dd>
                </div>
              ) : null}
              {response?.share_url ? (
                <div>
                  <dt className="text-xs text-slate-500">Share URL</dt>
                  <dd>
                    <ServiceLink href={response.share_url} />
                  </dd>
                </div>
              ) : null}
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
                  {claim.claimedAt ? <Time value={claim.claimedAt} /> : "—"} by{" "}
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
