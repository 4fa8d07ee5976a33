// The artifacts of a completed certification: jsonData, the PDF report and the signed XML envelope, all built
// from the same facts. Media artifacts are the uploaded files themselves.
import { PDFDocument, StandardFonts, rgb } from "pdf-lib";
import { SignedXml } from "xml-crypto";
import type { SigningIdentity } from "./signing-identity";

export interface CertifiedFile {
  file_name: string;
  sha256: string;
  /** Bytes, for uploaded files; null for hash certifications (the service never saw the file). */
  size: number | null;
  content_type: string | null;
  creation_date: string | null;
}

export interface CertificationFacts {
  report_id: string;
  title: string;
  mode: "hash" | "file";
  created_at: string;
  completed_at: string;
  files: CertifiedFile[];
  metadata: Record<string, unknown>;
}

export function jsonData(facts: CertificationFacts): Buffer {
  return Buffer.from(
    JSON.stringify({ ...facts, status: "completed", issuer: "TrueScreen sandbox" }, null, 2),
  );
}

export async function pdfReport(facts: CertificationFacts): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Certification report ${facts.report_id}`);
  pdf.setProducer("TrueScreen sandbox");
  pdf.setCreationDate(new Date(facts.completed_at));
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const mono = await pdf.embedFont(StandardFonts.Courier);
  let page = pdf.addPage([595, 842]);
  let y = 790;
  const line = (text: string, options: { size?: number; fontFace?: typeof font; indent?: number } = {}) => {
    const size = options.size ?? 10;
    if (y < 60) {
      page = pdf.addPage([595, 842]);
      y = 790;
    }
    // The standard fonts encode WinAnsi only: replace what they cannot draw rather than fail.
    const safe = text.replace(/[^\x20-\x7e\xa0-\xff]/g, "?");
    page.drawText(safe, {
      x: 50 + (options.indent ?? 0),
      y,
      size,
      font: options.fontFace ?? font,
      color: rgb(0.1, 0.1, 0.12),
    });
    y -= size + 6;
  };
  line("Certification report", { size: 18, fontFace: bold });
  line("TrueScreen sandbox - for testing, without legal value", { size: 9 });
  y -= 8;
  line(`Title: ${facts.title}`);
  line(`Report id: ${facts.report_id}`);
  line(`Mode: ${facts.mode === "hash" ? "hash certification" : "file certification"}`);
  line(`Created at: ${facts.created_at}`);
  line(`Completed at: ${facts.completed_at}`);
  y -= 8;
  line(`Files (${facts.files.length})`, { size: 12, fontFace: bold });
  for (const file of facts.files) {
    line(`${file.file_name}${file.size === null ? "" : ` (${file.size} bytes)`}`);
    line(`SHA-256 ${file.sha256}`, { fontFace: mono, size: 8, indent: 12 });
  }
  const metadata = Object.entries(facts.metadata);
  if (metadata.length > 0) {
    y -= 8;
    line("Metadata", { size: 12, fontFace: bold });
    for (const [key, value] of metadata)
      line(`${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`);
  }
  return Buffer.from(await pdf.save());
}

const escapeXml = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");

/** An enveloped XML-DSig signature (RSA-SHA256, exclusive C14N) over the whole document, with the certificate. */
export function signedXml(facts: CertificationFacts, identity: SigningIdentity): Buffer {
  const files = facts.files
    .map(
      (file) =>
        `<File><FileName>${escapeXml(file.file_name)}</FileName><Sha256>${file.sha256}</Sha256>` +
        (file.size === null ? "" : `<Size>${file.size}</Size>`) +
        (file.creation_date ? `<CreationDate>${escapeXml(file.creation_date)}</CreationDate>` : "") +
        `</File>`,
    )
    .join("");
  const metadata = Object.entries(facts.metadata)
    .map(
      ([key, value]) =>
        `<Entry key="${escapeXml(key)}">${escapeXml(typeof value === "string" ? value : JSON.stringify(value))}</Entry>`,
    )
    .join("");
  const xml =
    `<?xml version="1.0" encoding="UTF-8"?>` +
    `<Certification xmlns="urn:truescreen:sandbox:certification:1">` +
    `<ReportId>${facts.report_id}</ReportId><Title>${escapeXml(facts.title)}</Title><Mode>${facts.mode}</Mode>` +
    `<CreatedAt>${facts.created_at}</CreatedAt><Timestamp>${facts.completed_at}</Timestamp>` +
    `<Files>${files}</Files><Metadata>${metadata}</Metadata>` +
    `</Certification>`;
  const signature = new SignedXml({
    privateKey: identity.privateKeyPem,
    publicCert: identity.certificatePem,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
  });
  signature.addReference({
    xpath: "/*",
    digestAlgorithm: "http://www.w3.org/2001/04/xmlenc#sha256",
    transforms: [
      "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
      "http://www.w3.org/2001/10/xml-exc-c14n#",
    ],
  });
  signature.computeSignature(xml, { location: { reference: "/*", action: "append" } });
  return Buffer.from(signature.getSignedXml());
}
