// What a third party needs to check a signed XML offline with `xmlsec1`: the signer's certificate (PEM, from the
// document's KeyInfo), its SHA-256 fingerprint to compare with the one the signer publishes, and how xmlsec1 finds
// the signed element (a Reference to `#id` needs `--id-attr:<attribute> <namespace>:<element>`, because an XML file
// alone does not say which attribute is an ID).
import crypto from "node:crypto";
import { DOMParser, type Element } from "@xmldom/xmldom";

const DSIG = "http://www.w3.org/2000/09/xmldsig#";

export interface SignedXmlDescription {
  certificatePem: string | null;
  subject: string | null;
  fingerprintSha256: string | null;
  /** The xmlsec1 options that declare the referenced ID attribute, or [] when the reference is the whole document. */
  idAttrOptions: string[];
}

function findIdAttribute(element: Element, id: string): string[] | null {
  for (let i = 0; i < element.attributes.length; i++) {
    const attribute = element.attributes.item(i)!;
    if (attribute.value === id && !attribute.name.startsWith("xmlns")) {
      const node = element.namespaceURI ? `${element.namespaceURI}:${element.localName}` : element.localName!;
      return [`--id-attr:${attribute.localName ?? attribute.name}`, node];
    }
  }
  const children = element.childNodes;
  for (let i = 0; i < children.length; i++) {
    const child = children.item(i)!;
    if (child.nodeType === 1) {
      const found = findIdAttribute(child as Element, id);
      if (found) return found;
    }
  }
  return null;
}

/** Nothing known yet (no XML read). */
export const UNDESCRIBED: SignedXmlDescription = {
  certificatePem: null,
  subject: null,
  fingerprintSha256: null,
  idAttrOptions: [],
};

export function describeSignedXml(xml: string): SignedXmlDescription {
  const none = UNDESCRIBED;
  try {
    const document = new DOMParser().parseFromString(xml, "application/xml");
    const base64 = document
      .getElementsByTagNameNS(DSIG, "X509Certificate")[0]
      ?.textContent?.replace(/\s+/g, "");
    let described = none;
    if (base64 && /^[A-Za-z0-9+/=]+$/.test(base64)) {
      const pem = `-----BEGIN CERTIFICATE-----\n${base64.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`;
      const certificate = new crypto.X509Certificate(pem);
      described = {
        ...none,
        certificatePem: pem,
        subject: certificate.subject.replace(/\n/g, ", "),
        fingerprintSha256: certificate.fingerprint256,
      };
    }
    const uri = document.getElementsByTagNameNS(DSIG, "Reference")[0]?.getAttribute("URI") ?? "";
    const root = document.documentElement;
    if (uri.startsWith("#") && root) {
      const found = findIdAttribute(root as unknown as Element, uri.slice(1));
      if (found) described = { ...described, idAttrOptions: found };
    }
    return described;
  } catch {
    return none;
  }
}

/** A shell word: plain when it is made of safe characters, else single-quoted. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9._:/@=+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The exact command that checks `xmlPath` against the signer's certificate at `certificatePath`. */
export function xmlsecVerifyCommand(
  description: SignedXmlDescription,
  xmlPath: string,
  certificatePath: string,
): string {
  return ["xmlsec1", "--verify", ...description.idAttrOptions, "--pubkey-cert-pem", certificatePath, xmlPath]
    .map(shellWord)
    .join(" ");
}
