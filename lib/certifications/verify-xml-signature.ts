// The signed XML of a certification: its XML-DSig signature checked with xml-crypto against the certificate in the
// document, trusting only the references that checkSignature vouched for (getSignedReferences), never the raw
// document, and those must name this certification and every hash it certified.
import crypto from "node:crypto";
import { DOMParser } from "@xmldom/xmldom";
import { SignedXml } from "xml-crypto";

export type XmlSignatureCheck = { valid: boolean; signer: string | null; message: string };

export function verifyXmlSignature(
  xml: string,
  expect: { reportId: string; hashes: string[] },
): XmlSignatureCheck {
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
