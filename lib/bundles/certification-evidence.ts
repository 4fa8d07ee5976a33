// One certification's part of an evidence bundle (alone, or in a case): its archived artifacts under names a person
// can file, the signer's certificate taken from the signed XML, TrueScreen's copies of the uploaded originals when
// they were archived, and its audit entries; then its facts for manifest.json and its steps for VERIFY.md.
// The signed XML is checked again on the bytes written into the bundle (verify-xml-signature.ts), not only at archiving.
import type { TenantContext } from "@/lib/core/tenant-context";
import { getCertificationDetail } from "@/lib/certifications/get-certification-detail";
import { verifyXmlSignature, type XmlSignatureCheck } from "@/lib/certifications/verify-xml-signature";
import { evidenceStore } from "@/lib/evidence/evidence-store";
import { auditTrailEntry } from "./audit-trail-entry";
import {
  describeSignedXml,
  UNDESCRIBED,
  xmlsecVerifyCommand,
  type SignedXmlDescription,
} from "./describe-signed-xml";
import { artifactFilingName, certificationFilingDate, filingDate, filingSlug } from "./filing-names";
import type { BundleEntry, BundleFile } from "./zip-bundle";

/** The signed XML is read whole to be checked; a larger one is bundled unchecked. */
const XML_CHECK_LIMIT = 64 * 1024 * 1024;

type Detail = NonNullable<Awaited<ReturnType<typeof getCertificationDetail>>>;

export interface CertificationEvidence {
  certification: Detail;
  /** The name part every file of it starts with: `<title>-<date>`. */
  base: string;
  entries(): AsyncGenerator<BundleEntry>;
  facts(files: BundleFile[], missing: BundleEntry[]): Record<string, unknown>;
  verifySteps(): string;
}

const ORIGINALS_NOT_KEPT = {
  hash:
    "Not kept: in hash mode the files never left the user's browser; only their SHA-256 hashes were certified. " +
    "Whoever holds an original checks it against those hashes (VERIFY.md).",
  file:
    "Certdesk does not keep the uploads itself (the browser sends them straight to TrueScreen); TrueScreen's copies " +
    "are bundled under originals/ when they were archived.",
};

async function readUpTo(stream: ReadableStream<Uint8Array>, limit: number) {
  const chunks: Buffer[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return { whole: Buffer.concat(chunks), rest: null };
    chunks.push(Buffer.from(value));
    size += value.length;
    if (size > limit) {
      reader.releaseLock();
      return { whole: null, rest: { head: chunks, stream } };
    }
  }
}

/** null when the id is malformed, missing or another tenant's. */
export async function certificationEvidence(
  ctx: TenantContext,
  id: string,
  /** The folder its files go in, from its name part; none when alone in the bundle. */
  folderOf: (base: string) => string = () => "",
): Promise<CertificationEvidence | null> {
  const found = await getCertificationDetail(ctx, id);
  if (!found) return null;
  const certification: Detail = found;
  const date = certificationFilingDate(certification);
  const base = `${filingSlug(certification.title, "certification")}-${filingDate(date)}`;
  const folder = folderOf(base);
  const named = { title: certification.title, date };
  const store = evidenceStore();
  const checkedAt = new Date();
  let xml: {
    path: string;
    check: XmlSignatureCheck | null;
    description: SignedXmlDescription;
    certificatePath: string | null;
  } | null = null;

  async function* entries(): AsyncGenerator<BundleEntry> {
    for (const artifact of certification.artifacts) {
      const isMedia = artifact.type === "media";
      const original = certification.files.find((file) => file.position === artifact.position);
      const name = artifactFilingName(named, {
        type: artifact.type,
        position: artifact.position,
        originalName: isMedia ? (original?.fileName ?? artifact.fileName) : null,
      });
      const path = `${folder}${isMedia ? "originals/" : ""}${name}`;
      const about = {
        role: isMedia ? "original" : "artifact",
        artifactType: artifact.type,
        position: artifact.position,
        recordedSha256: artifact.sha256,
        recordedSize: Number(artifact.size),
        archivedAt: artifact.archivedAt.toISOString(),
      };
      if (artifact.type !== "xml") {
        yield {
          path,
          open: () => store.get(artifact.storageKey),
          recordedSha256: artifact.sha256,
          store: artifact.type !== "data",
          about,
        };
        continue;
      }
      const current: NonNullable<typeof xml> = {
        path,
        check: null,
        description: UNDESCRIBED,
        certificatePath: null,
      };
      yield {
        path,
        recordedSha256: artifact.sha256,
        about,
        open: async () => {
          const stream = await store.get(artifact.storageKey);
          if (!stream) return null;
          xml = current;
          const read = await readUpTo(stream, XML_CHECK_LIMIT);
          if (!read.whole) {
            const { head, stream: rest } = read.rest!;
            return (async function* () {
              yield* head;
              yield* rest as unknown as AsyncIterable<Uint8Array>;
            })();
          }
          const text = read.whole.toString("utf8");
          current.check = verifyXmlSignature(text, {
            reportId: certification.reportId ?? "",
            hashes: certification.files.map((f) => f.sha256).filter((h): h is string => Boolean(h)),
          });
          current.description = describeSignedXml(text);
          return read.whole;
        },
      };
      const pem = current.description.certificatePem;
      if (pem) {
        current.certificatePath = `${folder}${name.replace(/-signed(-\d+)?\.xml$/, "-signer$1.pem")}`;
        yield { path: current.certificatePath, open: async () => pem, about: { role: "signer-certificate" } };
      }
    }
    yield auditTrailEntry(
      ctx,
      { type: "certification", id: certification.id },
      `${folder}audit-entries.jsonl`,
    );
  }

  function facts(files: BundleFile[], missing: BundleEntry[]) {
    const c = certification;
    const mine = (path: string) => path.startsWith(folder);
    const originals = files.filter((f) => mine(f.path) && f.role === "original").map((f) => f.path);
    const signed = xml;
    return {
      id: c.id,
      title: c.title,
      mode: c.mode,
      status: c.status,
      reportId: c.reportId,
      creditsAmount: c.creditsAmount,
      generatePdfReport: c.generatePdfReport,
      metadata: c.metadata,
      createdAt: c.createdAt.toISOString(),
      createdByEmail: c.createdByEmail,
      completedAt: c.completedAt?.toISOString() ?? null,
      archivedAt: c.archivedAt?.toISOString() ?? null,
      error:
        c.errorCode || c.errorMessage
          ? { code: c.errorCode, message: c.errorMessage, detail: c.errorDetail }
          : null,
      certifiedFiles: c.files.map((f) => ({
        position: f.position,
        fileName: f.fileName,
        sha256: f.sha256,
        size: f.size === null ? null : Number(f.size),
        mimeType: f.mimeType,
      })),
      artifactsNote: c.artifacts.length
        ? null
        : c.status === "completed"
          ? "The artifacts are not archived yet: make the bundle again once the certification page says they are."
          : "This certification has no artifacts (it did not complete).",
      missingFromEvidenceStorage: missing.filter((m) => mine(m.path)).map((m) => m.path),
      signature: signed
        ? {
            path: signed.path,
            signerCertificatePath: signed.certificatePath,
            signer: signed.check?.signer ?? signed.description.subject,
            signerFingerprintSha256: signed.description.fingerprintSha256,
            valid: signed.check?.valid ?? null,
            message: signed.check?.message ?? "The signed XML is too large to check while bundling.",
            checkedAt: checkedAt.toISOString(),
            checkedWhenArchived: c.checks?.xml ?? null,
            xmlsec1: signed.certificatePath
              ? xmlsecVerifyCommand(signed.description, signed.path, signed.certificatePath)
              : null,
          }
        : null,
      dataCheck: c.checks?.data ?? null,
      originals: {
        kept: originals.length > 0,
        paths: originals,
        note: originals.length
          ? "TrueScreen's copies of the uploaded files, archived by Certdesk; their SHA-256 must equal the certified hashes."
          : ORIGINALS_NOT_KEPT[c.mode],
      },
    };
  }

  function verifySteps() {
    const c = certification;
    const signed = xml;
    const lines = [
      `### Certification "${c.title.replace(/[\r\n]+/g, " ")}" (report ${c.reportId ?? "none"})`,
      "",
    ];
    if (signed?.certificatePath) {
      lines.push(
        "Check TrueScreen's signature of the XML (prints `OK` when valid; `apt install xmlsec1` on Debian/Ubuntu):",
        "",
        "```sh",
        xmlsecVerifyCommand(signed.description, signed.path, signed.certificatePath),
        "```",
        "",
        `The certificate \`${signed.certificatePath}\` was taken from the XML itself, so the command proves the XML is`,
        "unchanged since that key signed it. Check that the key is TrueScreen's: compare its fingerprint",
        "",
        "```sh",
        `openssl x509 -in ${signed.certificatePath} -noout -subject -fingerprint -sha256`,
        "```",
        "",
        `(when bundled: \`${signed.description.fingerprintSha256 ?? "unknown"}\`, subject \`${signed.description.subject ?? "unknown"}\`)`,
        "with the signing certificate TrueScreen publishes.",
        "",
      );
    } else lines.push("No signed XML with a certificate was archived for this certification.", "");
    const hashes = c.files.filter((f) => f.sha256);
    if (hashes.length)
      lines.push(
        "The certified files and their SHA-256 (also in the signed XML and manifest.json). To check an original",
        "you hold, `sha256sum <file>` must print one of these:",
        "",
        "```",
        ...hashes.map((f) => `${f.sha256}  ${f.fileName.replace(/[\r\n]+/g, " ")}`),
        "```",
        "",
      );
    return lines.join("\n");
  }

  return { certification, base, entries, facts, verifySteps };
}
