// The sandbox's signing key and self-signed X.509 certificate, for the XML-DSig envelopes. Kept in the data folder
// so that the published certificate stays the same across restarts.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import forge from "node-forge";

export interface SigningIdentity {
  privateKeyPem: string;
  certificatePem: string;
}

function createIdentity(): SigningIdentity {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  const certificate = forge.pki.createCertificate();
  certificate.publicKey = forge.pki.publicKeyFromPem(
    publicKey.export({ type: "spki", format: "pem" }).toString(),
  );
  certificate.serialNumber = crypto.randomBytes(8).toString("hex");
  certificate.validity.notBefore = new Date(Date.now() - 86_400_000);
  certificate.validity.notAfter = new Date(Date.now() + 10 * 365 * 86_400_000);
  const subject = [
    { name: "commonName", value: "TrueScreen Sandbox Signing" },
    { name: "organizationName", value: "Certdesk sandbox (not a real TrueScreen key)" },
  ];
  certificate.setSubject(subject);
  certificate.setIssuer(subject);
  certificate.setExtensions([{ name: "keyUsage", digitalSignature: true, nonRepudiation: true }]);
  certificate.sign(forge.pki.privateKeyFromPem(privateKeyPem), forge.md.sha256.create());
  return { privateKeyPem, certificatePem: forge.pki.certificateToPem(certificate) };
}

export function loadSigningIdentity(dataDir: string | null): SigningIdentity {
  if (!dataDir) return createIdentity();
  const file = path.join(dataDir, "truescreen-signing.json");
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, "utf8")) as SigningIdentity;
  const identity = createIdentity();
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(identity), { mode: 0o600 });
  return identity;
}
