// Checks on archived artifacts, recorded with the certification and shown on its page:
// - jsonData: its file hashes against the hashes Certdesk certified (hash mode); in file mode it is the source of
//   the hashes TrueScreen computed from the uploads, which are copied onto the files for "Verify a file".
// - signed XML: the XML-DSig signature checked with xml-crypto against the certificate in the document, trusting
//   only the references that checkSignature vouched for (getSignedReferences), never the raw document.
import crypto from "node:crypto";
import { DOMParser } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";
import { z } from "zod";
import { tenantDb } from "@/lib/db/tenant-scope";
import type { TenantContext } from "@/lib/core/tenant-context";

// TRANSITION (Tenancy issue)
type TenantScope = TenantContext;
import { evidenceStore } from "@/lib/evidence/evidence-store";

export interface ArtifactChecks {
  data: { ok: boolean; message: string } | null;
  xml: { valid: boolean; signer: string | null; message: string } | null;
}

const jsonData = z.object({
  report_id: z.string().optional(),
  files: z.array(
    z.object({
      file_name: z.string(),
      sha256: z.string(),
      size: z.number().nullish(),
      content_type: z.string().nullish(),
    }),
  ),
});

async function readAll(key: string, limit = 50 * 1024 * 1024): Promise<Buffer> {
  const stream = await evidenceStore().get(key);
  if (!stream) throw new Error("The archived artifact is missing from evidence storage.");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > limit) throw new Error("The artifact is too large to check.");
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

export function verifyXmlSignature(
  xml: string,
  expect: { reportId: string; hashes: string[] },
): { valid: boolean; signer: string | null; message: string } {
  try {
    const document = new DOMParser().parseFromString(xml, "application/xml");
    const signatures = document.getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "Signature");
    if (signatures.length !== 1)
      return { valid: false, signer: null, message: "The XML has no single signature." };
    const certificateText = document
      .getElementsByTagNameNS("http://www.w3.org/2000/09/xmldsig#", "X509Certificate")[0]
      ?.textContent?.replace(/\s+/g, "");
    if (!certificateText)
      return { valid: false, signer: null, message: "The XML signature carries no certificate." };
    const pem = `-----BEGIN CERTIFICATE-----\n${certificateText.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`;
    const signer = new crypto.X509Certificate(pem).subject.replace(/\n/g, ", ");
    const verifier = new SignedXml({ publicCert: pem });
    verifier.loadSignature(signatures[0] as unknown as Node);
    if (!verifier.checkSignature(xml))
      return { valid: false, signer, message: "The XML signature does not match the document." };
    const signed = verifier.getSignedReferences().join("");
    if (!signed.includes(expect.reportId))
      return { valid: false, signer, message: "The signed XML is about another certification." };
    const missing = expect.hashes.filter((hash) => !signed.toLowerCase().includes(hash));
    if (missing.length)
      return {
        valid: false,
        signer,
        message: `The signed XML does not contain ${missing.length} of the certified hashes.`,
      };
    return { valid: true, signer, message: "The XML signature is valid and covers every certified hash." };
  } catch (error) {
    return {
      valid: false,
      signer: null,
      message: `The XML signature could not be checked: ${error instanceof Error ? error.message : "unknown error"}.`,
    };
  }
}

export async function checkArtifacts(scope: TenantScope, certificationId: string): Promise<ArtifactChecks> {
  const db = tenantDb(scope);
  const certification = await db.certification.findFirstOrThrow({
    where: { id: certificationId },
    include: { files: { orderBy: { position: "asc" } }, artifacts: true },
  });
  const checks: ArtifactChecks = { data: null, xml: null };
  let hashes = certification.files.map((file) => file.sha256).filter((h): h is string => Boolean(h));

  const data = certification.artifacts.find((a) => a.type === "data");
  if (data) {
    const parsed = jsonData.safeParse(JSON.parse((await readAll(data.storageKey)).toString("utf8")));
    if (!parsed.success) {
      checks.data = { ok: false, message: "jsonData is not in the expected shape." };
    } else if (certification.mode === "file") {
      // TrueScreen hashed the uploads: keep its hashes on the files, in upload order.
      const entries = parsed.data.files;
      if (entries.length !== certification.files.length) {
        checks.data = {
          ok: false,
          message: `jsonData lists ${entries.length} files; ${certification.files.length} were uploaded.`,
        };
      } else {
        for (const [index, file] of certification.files.entries()) {
          const entry = entries[index]!;
          await db.certificationFile.update({
            where: { id: file.id },
            data: {
              sha256: entry.sha256.toLowerCase(),
              ...(entry.size != null ? { size: BigInt(entry.size) } : {}),
            },
          });
        }
        hashes = entries.map((entry) => entry.sha256.toLowerCase());
        const media = certification.artifacts
          .filter((a) => a.type === "media")
          .sort((a, b) => a.position - b.position);
        const mismatch = media.filter((artifact, i) => hashes[i] && artifact.sha256 !== hashes[i]);
        checks.data = mismatch.length
          ? {
              ok: false,
              message: `${mismatch.length} archived media files differ from the hashes in jsonData.`,
            }
          : {
              ok: true,
              message: media.length
                ? "jsonData's hashes match the archived media files."
                : "jsonData holds TrueScreen's hashes of the uploaded files.",
            };
      }
    } else {
      const certified = certification.files.map((f) => f.sha256);
      const listed = parsed.data.files.map((f) => f.sha256.toLowerCase());
      const same = certified.length === listed.length && certified.every((hash, i) => hash === listed[i]);
      checks.data = same
        ? { ok: true, message: "jsonData lists exactly the hashes computed in your browser." }
        : { ok: false, message: "jsonData's hashes differ from the hashes computed in your browser." };
    }
  }

  const xml = certification.artifacts.find((a) => a.type === "xml");
  if (xml)
    checks.xml = verifyXmlSignature((await readAll(xml.storageKey)).toString("utf8"), {
      reportId: certification.reportId!,
      hashes,
    });
  return checks;
}
