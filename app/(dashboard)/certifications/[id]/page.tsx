import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requirePageMember } from "@/app/_auth/require-member";
import { getCertificationDetail } from "@/lib/certifications/get-certification-detail";
import { LIVE_STATUSES } from "@/lib/certifications/certification-status";
import { certifyAgainAction } from "@/app/(dashboard)/certifications/actions";
import { hasRole } from "@/lib/auth/roles";
import { DownloadBundleLink } from "@/components/bundles/download-bundle-link";
import { CertifyAgain } from "@/components/certifications/certify-again";
import { CertificationStatusBadge } from "@/components/certifications/certification-status-badge";
import { getCreditsBalance } from "@/lib/certifications/get-credits-balance";
import { CreditsBalance } from "@/components/certifications/credits-balance";
import { formatBytes } from "@/components/certifications/format";
import { LiveRefresh } from "@/components/certifications/live-refresh";
import { VerifyFile } from "@/components/certifications/verify-file";
import { Alert } from "@/components/ui/alert";
import { Breadcrumb } from "@/components/ui/breadcrumb";
import { DisplayName } from "@/components/ui/display-name";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";

export const metadata: Metadata = { title: "Certification" };

const ARTIFACT_LABEL: Record<string, string> = {
  data: "jsonData",
  report: "PDF report",
  xml: "Signed XML",
  media: "Original file",
};

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 className="mb-3 text-base font-semibold text-slate-900">{title}</h2>
      {children}
    </section>
  );
}

export default async function CertificationPage({ params }: { params: Promise<{ id: string }> }) {
  const member = await requirePageMember("viewer");
  const { id } = await params;
  const certification = await getCertificationDetail(member.context, id);
  if (!certification) notFound();
  const credits = await getCreditsBalance(member.context, 3000);
  const c = certification;
  const waiting = LIVE_STATUSES.includes(c.status) || (c.status === "completed" && !c.archivedAt);
  const canCertifyAgain =
    hasRole(member.role, "certifier") &&
    c.mode === "hash" &&
    (c.status === "error" || c.status === "unknown");
  const metadataEntries = Object.entries((c.metadata ?? {}) as Record<string, string>);

  const timeline: Array<{ label: string; at: Date | null; done: boolean }> = [
    {
      label: c.mode === "file" ? "Saved; files registered for upload" : "Saved with its hashes",
      at: c.createdAt,
      done: true,
    },
    {
      label: c.reportId ? `Accepted by TrueScreen (report ${c.reportId})` : "Accepted by TrueScreen",
      at: null,
      done: Boolean(c.reportId) || c.status === "pending" || c.status === "completed",
    },
    { label: "Completed", at: c.completedAt, done: c.status === "completed" },
    { label: "Artifacts archived in evidence storage", at: c.archivedAt, done: Boolean(c.archivedAt) },
  ];

  return (
    <>
      <Breadcrumb href="/certifications" label="Certifications" />
      <PageHeader
        title={<DisplayName value={c.title} />}
        description={
          <>
            {c.mode === "hash" ? "Hash certification" : "File certification"} · {c.fileCount} file
            {c.fileCount === 1 ? "" : "s"}
            {c.creditsAmount !== null ? ` · ${c.creditsAmount} credits` : ""} · by{" "}
            <DisplayName value={c.createdByEmail} />
          </>
        }
        actions={
          <>
            <DownloadBundleLink href={`/certifications/${c.id}/bundle`} />
            <CreditsBalance balance={credits} />
          </>
        }
      />
      <LiveRefresh watch={waiting ? { [c.id]: `${c.status}/${Boolean(c.archivedAt)}` } : {}} />
      <div className="space-y-5">
        <div className="flex items-center gap-3">
          <span className="text-sm text-slate-700">Status</span>
          <CertificationStatusBadge status={c.status} />
          {c.status === "completed" && !c.archivedAt ? (
            <span className="text-sm text-slate-600">Archiving artifacts…</span>
          ) : null}
        </div>
        {c.status === "error" ? (
          <Alert tone="error">
            <p className="font-medium">{c.errorMessage ?? "TrueScreen could not certify this."}</p>
            {c.errorCode || c.errorDetail ? (
              <p className="mt-1 text-xs">
                {c.errorCode ? `TrueScreen code ${c.errorCode}` : ""}
                {c.errorDetail ? `${c.errorCode ? ": " : ""}${c.errorDetail}` : ""}
              </p>
            ) : null}
          </Alert>
        ) : null}
        {c.status === "pending" && c.errorMessage ? (
          <Alert tone="info">
            <span data-testid="certification-note">{c.errorMessage}</span>
          </Alert>
        ) : null}
        {c.status === "unknown" ? (
          <Alert tone="error">
            <p className="font-medium">The answer to the create call was lost.</p>
            <p className="mt-1">
              {c.errorMessage} Certdesk did not send it again, so no credits were spent twice. Look for
              &ldquo;
              <DisplayName value={c.title} />
              &rdquo; in the TrueScreen portal; if it is not there, certify the files again.
            </p>
          </Alert>
        ) : null}
        {canCertifyAgain ? (
          <CertifyAgain id={c.id} files={c.fileCount} certifyAgain={certifyAgainAction} />
        ) : null}
        {c.archiveError && !c.archivedAt ? (
          <Alert tone="info">
            Archiving the artifacts failed ({c.archiveError}); the worker tries again automatically. Downloads
            meanwhile come straight from TrueScreen.
          </Alert>
        ) : null}

        <Section title="Timeline">
          <ol className="space-y-2">
            {timeline.map((step) => (
              <li key={step.label} className="flex items-center gap-3 text-sm">
                <span
                  aria-hidden="true"
                  className={`size-2.5 rounded-full ${step.done ? "bg-emerald-500" : "bg-slate-300"}`}
                />
                <span className={step.done ? "text-slate-900" : "text-slate-500"}>
                  {step.label}
                  <span className="sr-only">{step.done ? " (done)" : " (not yet)"}</span>
                </span>
                {step.at ? <Time value={step.at} seconds className="text-xs text-slate-500" /> : null}
              </li>
            ))}
          </ol>
        </Section>

        <Section title="Files">
          <ul className="divide-y divide-slate-100">
            {c.files.map((file) => (
              <li key={file.id} className="py-2">
                <p className="text-sm font-medium text-slate-900" data-testid="certified-file-name">
                  <DisplayName value={file.fileName} />
                </p>
                {file.size !== null || file.mimeType ? (
                  <p className="text-xs text-slate-500">
                    {formatBytes(file.size)}
                    {file.mimeType ? ` · ${file.mimeType}` : ""}
                  </p>
                ) : null}
                <p className="font-mono text-xs break-all text-slate-700" data-testid="certified-hash">
                  {file.sha256 ?? "SHA-256 not known yet (TrueScreen computes it from the upload)"}
                </p>
              </li>
            ))}
          </ul>
        </Section>

        {metadataEntries.length ? (
          <Section title="Metadata">
            <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
              {metadataEntries.map(([key, value]) => (
                <div key={key} className="contents">
                  <dt className="font-medium text-slate-700">
                    <DisplayName value={key} />
                  </dt>
                  <dd className="text-slate-900">
                    <DisplayName value={value} fallback="" />
                  </dd>
                </div>
              ))}
            </dl>
          </Section>
        ) : null}

        <Section title="Artifacts">
          {c.status !== "completed" ? (
            <p className="text-sm text-slate-600">
              Artifacts appear when TrueScreen completes the certification.
            </p>
          ) : c.artifacts.length ? (
            <>
              <ul className="divide-y divide-slate-100">
                {c.artifacts.map((artifact) => (
                  <li key={artifact.id} className="flex flex-wrap items-center justify-between gap-3 py-2">
                    <div className="min-w-0">
                      <p className="text-sm font-medium text-slate-900">
                        {ARTIFACT_LABEL[artifact.type]}: <DisplayName value={artifact.fileName} />
                      </p>
                      <p className="font-mono text-xs break-all text-slate-500">
                        {formatBytes(artifact.size)} · SHA-256 {artifact.sha256}
                      </p>
                    </div>
                    <a
                      className={buttonClass("secondary")}
                      href={`/certifications/${c.id}/download?type=${artifact.type}&n=${artifact.position}`}
                      download
                    >
                      Download {ARTIFACT_LABEL[artifact.type]}
                      {artifact.type === "media" ? ` ${artifact.position + 1}` : ""}
                    </a>
                  </li>
                ))}
              </ul>
              {c.checks ? (
                <ul className="mt-4 space-y-1 text-sm">
                  {c.checks.xml ? (
                    <li
                      className={c.checks.xml.valid ? "text-emerald-800" : "text-red-700"}
                      data-testid="xml-check"
                    >
                      {c.checks.xml.valid ? "✓" : "✗"} {c.checks.xml.message}
                      {c.checks.xml.signer ? ` Signed by ${c.checks.xml.signer}.` : ""}
                    </li>
                  ) : null}
                  {c.checks.data ? (
                    <li
                      className={c.checks.data.ok ? "text-emerald-800" : "text-red-700"}
                      data-testid="data-check"
                    >
                      {c.checks.data.ok ? "✓" : "✗"} {c.checks.data.message}
                    </li>
                  ) : null}
                </ul>
              ) : null}
            </>
          ) : (
            <div className="flex flex-wrap gap-2">
              <p className="w-full text-sm text-slate-600">
                Archiving into evidence storage; meanwhile each download asks TrueScreen for a fresh link.
              </p>
              {(["data", ...(c.generatePdfReport ? ["report"] : []), "xml"] as const).map((type) => (
                <a
                  key={type}
                  className={buttonClass("secondary")}
                  href={`/certifications/${c.id}/download?type=${type}&n=0`}
                >
                  Download {ARTIFACT_LABEL[type]}
                </a>
              ))}
            </div>
          )}
        </Section>

        <Section title="Verify a file">
          <VerifyFile files={c.files.map((f) => ({ name: f.fileName, sha256: f.sha256 }))} />
        </Section>
      </div>
    </>
  );
}
