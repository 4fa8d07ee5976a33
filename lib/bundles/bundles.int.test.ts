// Evidence bundles from the outside: real certifications made against the TrueScreen sandbox over HTTP and archived
// into evidence storage on disk, bundled, written to a file, unpacked with Debian's `unzip`, and checked the way a
// third party would: `sha256sum -c SHA256SUMS` and the exact `xmlsec1 --verify` command VERIFY.md gives.
import { execFileSync, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TrueScreenSandbox, type ApiKey } from "@/sandbox/truescreen/truescreen-sandbox";
import { updateConnection } from "@/lib/connections/update-connection";
import { systemDb } from "@/lib/db/client";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";
import { memberOf } from "@/lib/core/actor";
import type { TenantContext } from "@/lib/core/tenant-context";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { hashCertificationInput } from "@/lib/certifications/certification-input";
import { certifyHashes } from "@/lib/certifications/certify-hashes";
import { certifyUploadedFiles } from "@/lib/certifications/certify-uploaded-files";
import { downloadArtifact } from "@/lib/certifications/download-artifact";
import { getCertificationDetail } from "@/lib/certifications/get-certification-detail";
import { startFileCertification } from "@/lib/certifications/start-file-certification";
import { archiveDueCertifications } from "@/lib/jobs/archive-due-certifications";
import { pollDueCertifications } from "@/lib/jobs/poll-due-certifications";
import type { Download } from "@/lib/core/download";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { buildCaseBundle, CASE_LIMIT } from "./build-case-bundle";
import { buildCertificationBundle } from "./build-certification-bundle";
import { buildClaimBundle } from "./build-claim-bundle";

let sandbox: TrueScreenSandbox;
const temp: string[] = [];

beforeAll(async () => {
  // Webhooks are dropped (a fault of the sandbox key): the poller settles the certifications.
  process.env.NEXTAUTH_URL ??= "http://127.0.0.1:9";
  process.env.EVIDENCE_DIR ??= tempDir("certdesk-evidence-");
  sandbox = new TrueScreenSandbox({ port: 0, dataDir: null, processingMs: 200 });
  await sandbox.start();
  allowSandboxOrigins(sandbox.baseUrl);
});

afterAll(async () => {
  await sandbox.stop();
  for (const dir of temp) fs.rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix = "certdesk-bundle-") {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temp.push(dir);
  return dir;
}

async function tenant() {
  const key: ApiKey = sandbox.createKey({ credits: 100 });
  await fetch(`${sandbox.baseUrl}/sandbox/keys/${key.api_key}`, {
    method: "PATCH",
    body: JSON.stringify({ faults: { webhook: { drop: true } } }),
  });
  const { actor, tenant } = await createTenantWithOwner();
  await updateConnection(actor, "truescreen", { environment: "sandbox", sandboxBaseUrl: sandbox.baseUrl });
  await saveTenantSecret(actor, "truescreen.api_key", key.api_key);
  await saveTenantSecret(actor, "truescreen.webhook_secret", key.webhook_secret);
  return { actor, tenant };
}

const sha256 = (data: Buffer | string) => crypto.createHash("sha256").update(data).digest("hex");

async function settleAndArchive(actor: TenantContext, id: string) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    await pollDueCertifications();
    const c = await getCertificationDetail(actor, id);
    if (c?.status === "completed" || Date.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  await archiveDueCertifications();
  const archived = await getCertificationDetail(actor, id);
  expect(archived?.archivedAt).not.toBeNull();
  return archived!;
}

async function completedHashCertification(actor: TenantContext, title: string) {
  const contents = ["signed contract", "site photo"];
  const result = await certifyHashes(
    actor,
    hashCertificationInput.parse({
      title,
      metadata: [{ key: "case_number", value: "2026/001" }],
      files: contents.map((content, i) => ({ name: `file-${i}.bin`, sha256: sha256(content) })),
    }),
  );
  expect(result.status).toBe("pending");
  return { certification: await settleAndArchive(actor, result.id), hashes: contents.map(sha256) };
}

/** The bundle saved to disk and unpacked: its folder, the ZIP's path and its parsed manifest. */
async function unpack(download: Download) {
  const dir = tempDir();
  const zip = path.join(dir, download.filename);
  await pipeline(
    Readable.fromWeb(download.body as unknown as NodeReadableStream<Uint8Array>),
    fs.createWriteStream(zip),
  );
  const out = path.join(dir, "bundle");
  execFileSync("unzip", ["-q", zip, "-d", out]);
  const manifest = JSON.parse(fs.readFileSync(path.join(out, "manifest.json"), "utf8"));
  return { out, zip, manifest };
}

const run = (command: string, cwd: string) => spawnSync("sh", ["-c", command], { cwd, encoding: "utf8" });

/** The xmlsec1 commands VERIFY.md gives, as written there. */
function xmlsecCommands(verifyMd: string): string[] {
  return verifyMd.split("\n").filter((line) => line.startsWith("xmlsec1 --verify"));
}

describe("certification bundle", () => {
  it("holds every artifact under filing names, checks with sha256sum -c and xmlsec1 as VERIFY.md says, and fails both when tampered", async () => {
    const { actor } = await tenant();
    const { certification, hashes } = await completedHashCertification(actor, "Contract évidence: Acme/2026");
    const download = await buildCertificationBundle(actor, certification.id);
    const day = certification.completedAt!.toISOString().slice(0, 10);
    const base = `contract-evidence-acme-2026-${day}`;
    expect(download.filename).toBe(`${base}-evidence.zip`);
    expect(download.contentType).toBe("application/zip");
    const { out, manifest } = await unpack(download);

    expect(fs.readdirSync(out).sort()).toEqual(
      [
        "SHA256SUMS",
        "VERIFY.md",
        "audit-entries.jsonl",
        `${base}-data.json`,
        `${base}-report.pdf`,
        `${base}-signed.xml`,
        `${base}-signer.pem`,
        "manifest.json",
      ].sort(),
    );
    const sums = run("sha256sum -c SHA256SUMS", out);
    expect(sums.status, sums.stderr).toBe(0);
    expect(sums.stdout.trim().split("\n")).toHaveLength(7);

    // The signature, checked by xmlsec1 with the command VERIFY.md gives, word for word.
    const verifyMd = fs.readFileSync(path.join(out, "VERIFY.md"), "utf8");
    expect(verifyMd).toContain("sha256sum -c SHA256SUMS");
    const [command] = xmlsecCommands(verifyMd);
    expect(command).toBe(
      `xmlsec1 --verify --id-attr:Id urn:truescreen:sandbox:certification:1:Certification --pubkey-cert-pem ${base}-signer.pem ${base}-signed.xml`,
    );
    const verified = run(command!, out);
    expect(verified.status, verified.stderr).toBe(0);
    expect(verified.stderr).toMatch(/^OK$/m);
    for (const hash of hashes) expect(verifyMd).toContain(hash);

    // The bundled certificate is the sandbox's published signing certificate.
    const published = await (await fetch(`${sandbox.baseUrl}/sandbox/signing-certificate.pem`)).text();
    const fingerprint = new crypto.X509Certificate(published).fingerprint256;
    expect(manifest.certification.signature).toMatchObject({
      valid: true,
      path: `${base}-signed.xml`,
      signerCertificatePath: `${base}-signer.pem`,
      signerFingerprintSha256: fingerprint,
      signer: expect.stringContaining("TrueScreen Sandbox Signing"),
      checkedWhenArchived: { valid: true },
    });
    expect(verifyMd).toContain(fingerprint);

    // The manifest: each file's path, SHA-256 and size, equal to the bytes and to what was recorded at archiving.
    for (const file of manifest.files as Array<{ path: string; sha256: string; size: number }>) {
      const bytes = fs.readFileSync(path.join(out, file.path));
      expect(file.sha256, file.path).toBe(sha256(bytes));
      expect(file.size, file.path).toBe(bytes.length);
    }
    const artifacts = (manifest.files as Array<Record<string, unknown>>).filter((f) => f.role === "artifact");
    expect(artifacts).toHaveLength(3);
    for (const artifact of artifacts) {
      const stored = certification.artifacts.find((a) => a.type === artifact.artifactType)!;
      expect(artifact).toMatchObject({
        recordedSha256: stored.sha256,
        sha256: stored.sha256,
        matchesRecord: true,
      });
    }
    expect(manifest).toMatchObject({
      format: "certdesk-evidence-bundle",
      kind: "certification",
      tenantId: actor.tenantId,
      createdBy: memberOf(actor.actor).email,
      missingFromEvidenceStorage: [],
      certification: {
        id: certification.id,
        title: "Contract évidence: Acme/2026",
        mode: "hash",
        status: "completed",
        reportId: certification.reportId,
        metadata: { case_number: "2026/001" },
        certifiedFiles: hashes.map((hash, position) => expect.objectContaining({ position, sha256: hash })),
        dataCheck: { ok: true },
        originals: { kept: false, paths: [], note: expect.stringContaining("never left the user's browser") },
      },
    });

    // The audit entries of this certification, with the download itself last.
    const audit = fs
      .readFileSync(path.join(out, "audit-entries.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { action: string; target_id: string; seq: number; hash: string });
    expect(audit.map((entry) => entry.action)).toEqual([
      "certification.requested",
      "certification.created",
      "certification.completed",
      "certification.archived",
      "bundle.downloaded",
    ]);
    expect(audit.every((entry) => entry.target_id === certification.id)).toBe(true);
    const stored = await systemDb.auditEntry.findFirstOrThrow({
      where: { tenantId: actor.tenantId, action: "bundle.downloaded", targetId: certification.id },
    });
    expect(stored.details).toEqual({ kind: "certification", filename: download.filename });
    expect(audit.at(-1)).toMatchObject({ seq: stored.seq, hash: stored.hash });

    // One changed byte: sha256sum names the file; a changed signed XML also fails xmlsec1.
    const pdf = path.join(out, `${base}-report.pdf`);
    const bytes = fs.readFileSync(pdf);
    bytes[bytes.length - 10] = bytes[bytes.length - 10]! ^ 0x01;
    fs.writeFileSync(pdf, bytes);
    const tampered = run("sha256sum -c SHA256SUMS", out);
    expect(tampered.status).not.toBe(0);
    expect(tampered.stdout).toContain(`${base}-report.pdf: FAILED`);
    const xml = path.join(out, `${base}-signed.xml`);
    fs.writeFileSync(xml, fs.readFileSync(xml, "utf8").replace("<Mode>hash</Mode>", "<Mode>file</Mode>"));
    const forged = run(command!, out);
    expect(forged.status).not.toBe(0);
  }, 60_000);

  it("names artifact downloads for filing too: <title>-<date>-report.pdf, -signed.xml, -data.json", async () => {
    const { actor } = await tenant();
    const { certification } = await completedHashCertification(actor, "  Q3 — Lead audit  ");
    const day = certification.completedAt!.toISOString().slice(0, 10);
    const names: string[] = [];
    for (const type of ["report", "xml", "data"]) {
      const answer = await downloadArtifact(actor, certification.id, { type, position: 0 });
      if (answer.kind !== "stored") throw new Error(`expected stored, got ${answer.kind}`);
      await answer.download.body.cancel();
      names.push(answer.download.filename);
    }
    expect(names).toEqual([
      `q3-lead-audit-${day}-report.pdf`,
      `q3-lead-audit-${day}-signed.xml`,
      `q3-lead-audit-${day}-data.json`,
    ]);
  }, 30_000);

  it("file mode: TrueScreen's copies of the uploads are bundled under originals/ and equal the certified hashes", async () => {
    const { actor } = await tenant();
    const files = [
      { name: "Inspection photo.JPG", type: "image/jpeg", content: crypto.randomBytes(300_000) },
      { name: "../../notes.txt", type: "text/plain", content: Buffer.from("site notes") },
    ];
    const started = await startFileCertification(actor, {
      title: "Site inspection",
      generatePdfReport: true,
      metadata: {},
      files: files.map((f) => ({
        name: f.name,
        size: f.content.length,
        type: f.type,
        lastModified: Date.now(),
      })),
    });
    for (const target of started.targets) {
      const file = files[target.position]!;
      const put = await fetch(target.url, {
        method: "PUT",
        headers: { "content-type": file.type },
        body: file.content,
      });
      expect(put.status).toBe(200);
    }
    expect((await certifyUploadedFiles(actor, started.id)).status).toBe("pending");
    const certification = await settleAndArchive(actor, started.id);
    const { out, manifest } = await unpack(await buildCertificationBundle(actor, certification.id));
    const day = certification.completedAt!.toISOString().slice(0, 10);
    const originals = [
      `originals/site-inspection-${day}-inspection-photo.jpg`,
      `originals/site-inspection-${day}-notes.txt`,
    ];
    expect(manifest.certification.originals).toMatchObject({ kept: true, paths: originals });
    expect(originals.map((p) => sha256(fs.readFileSync(path.join(out, p))))).toEqual(
      files.map((f) => sha256(f.content)),
    );
    expect(run("sha256sum -c SHA256SUMS", out).status).toBe(0);
    const [command] = xmlsecCommands(fs.readFileSync(path.join(out, "VERIFY.md"), "utf8"));
    expect(run(command!, out).status).toBe(0);
  }, 60_000);

  it("lists an artifact missing from evidence storage instead of failing, and the rest still checks", async () => {
    const { actor } = await tenant();
    const { certification } = await completedHashCertification(actor, "Half gone");
    const report = certification.artifacts.find((a) => a.type === "report")!;
    fs.rmSync(path.join(process.env.EVIDENCE_DIR!, report.storageKey));
    const { out, manifest } = await unpack(await buildCertificationBundle(actor, certification.id));
    expect(manifest.missingFromEvidenceStorage).toEqual([expect.stringMatching(/-report\.pdf$/)]);
    expect(manifest.certification.missingFromEvidenceStorage).toHaveLength(1);
    expect(run("sha256sum -c SHA256SUMS", out).status).toBe(0);
  }, 60_000);

  it("answers another tenant's id exactly like a missing or malformed one, and audits nothing", async () => {
    const owner = await tenant();
    const { certification } = await completedHashCertification(owner.actor, "Tenant B evidence");
    const other = await createTenantWithOwner();
    const refusals: string[] = [];
    for (const id of [certification.id, crypto.randomUUID(), "not-an-id", "../../etc/passwd"]) {
      const error = await buildCertificationBundle(other.actor, id).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UserFacingError);
      expect((error as UserFacingError).kind).toBe("not_found");
      refusals.push((error as Error).message);
    }
    expect(new Set(refusals).size).toBe(1);
    expect(
      await systemDb.auditEntry.count({ where: { action: "bundle.downloaded", targetId: certification.id } }),
    ).toBe(0);
  }, 60_000);
});

async function claimRow(tenantId: string, overrides: Record<string, unknown> = {}) {
  const certId = crypto.randomBytes(20).toString("hex");
  return systemDb.claim.create({
    data: {
      tenantId,
      certId,
      certUrl: `https://cert.trustedform.com/${certId}`,
      vendor: "Acme Leads",
      reference: "Lead #42 / Smith",
      status: "claimed",
      outcome: "success",
      claimedAt: new Date("2026-03-04T10:00:00Z"),
      response: {
        outcome: "success",
        reason: null,
        scans: {
          required_found: ["I agree"],
          required_not_found: [],
          forbidden_found: [],
          forbidden_not_found: [],
        },
        warnings: [],
        cert: { cert_id: certId, page_url: "https://example.com/form" },
      },
      ...overrides,
    },
  });
}

describe("claim bundle", () => {
  it("holds the claim's record with the 4.0 facts, TrustedForm's answer read and raw, and its decision history", async () => {
    const { actor } = await createTenantWithOwner();
    const claim = await claimRow(actor.tenantId, {
      apiVersion: "v4_0",
      verdict: "fail",
      verdictRules: [
        { rule: { kind: "one_to_one" }, passed: false, known: true, words: "Not one-to-one consent" },
      ],
      oneToOne: false,
      botDetected: false,
      request: { match_lead: { email: "f".repeat(40) } },
      response: {
        outcome: "success",
        verify: { result: { one_to_one: false, language_approved: true } },
        insights: { properties: { bot_detected: false } },
      },
      decision: "rejected",
      decisionReason: "Consent was not one-to-one",
      decidedByEmail: memberOf(actor.actor).email,
      decidedAt: new Date("2026-03-05T09:00:00Z"),
    });
    await actor.audit("claim.claimed", { type: "claim", id: claim.id }, { certId: claim.certId });
    await actor.audit(
      "claim.rejected",
      { type: "claim", id: claim.id },
      { reason: "Consent was not one-to-one" },
    );
    const download = await buildClaimBundle(actor, claim.id);
    expect(download.filename).toBe("lead-42-smith-2026-03-04-evidence.zip");
    const { out, manifest } = await unpack(download);
    expect(fs.readdirSync(out).sort()).toEqual(
      [
        "SHA256SUMS",
        "VERIFY.md",
        "audit-entries.jsonl",
        "lead-42-smith-2026-03-04-claim.json",
        "lead-42-smith-2026-03-04-trustedform-reading.json",
        "lead-42-smith-2026-03-04-trustedform-response.json",
        "manifest.json",
      ].sort(),
    );
    expect(run("sha256sum -c SHA256SUMS", out).status).toBe(0);
    const record = JSON.parse(fs.readFileSync(path.join(out, "lead-42-smith-2026-03-04-claim.json"), "utf8"));
    expect(record).toMatchObject({
      apiVersion: "4.0",
      v4: { verdict: "fail", oneToOne: false, verdictRules: [expect.objectContaining({ passed: false })] },
      decision: { decision: "rejected", reason: "Consent was not one-to-one" },
    });
    const reading = JSON.parse(
      fs.readFileSync(path.join(out, "lead-42-smith-2026-03-04-trustedform-reading.json"), "utf8"),
    );
    expect(reading.response.verify).toMatchObject({ one_to_one: false, language_approved: true });
    expect(manifest.claim.rawResponse.included).toBe(true);
    const actions = fs
      .readFileSync(path.join(out, "audit-entries.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((line) => (JSON.parse(line) as { action: string }).action);
    expect(actions).toEqual(["claim.claimed", "claim.rejected", "bundle.downloaded"]);
  });

  it("leaves out a raw answer that did not come from cert.trustedform.com, and says so", async () => {
    const { actor } = await createTenantWithOwner();
    const claim = await claimRow(actor.tenantId, {
      certUrl: `http://127.0.0.1:4/${"a".repeat(40)}`,
      reference: null,
    });
    const download = await buildClaimBundle(actor, claim.id);
    expect(download.filename).toMatch(/^claim-[0-9a-f]{12}-2026-03-04-evidence\.zip$/);
    const { out, manifest } = await unpack(download);
    expect(fs.readdirSync(out).some((name) => name.endsWith("trustedform-response.json"))).toBe(false);
    expect(manifest.claim.rawResponse).toMatchObject({
      included: false,
      note: expect.stringContaining("sandbox"),
    });
  });

  it("answers another tenant's claim like a missing one", async () => {
    const a = await createTenantWithOwner();
    const b = await createTenantWithOwner();
    const claim = await claimRow(b.tenant.id);
    const refusal = (id: string) =>
      buildClaimBundle(a.actor, id).then(
        () => null,
        (e: unknown) => e as UserFacingError,
      );
    const foreign = (await refusal(claim.id))!;
    const missing = (await refusal(crypto.randomUUID()))!;
    expect(foreign).toBeInstanceOf(UserFacingError);
    expect([foreign.kind, foreign.message]).toEqual([missing.kind, missing.message]);
  });
});

describe("case bundle", () => {
  it("puts each certification and claim in its own folder, with one manifest, VERIFY.md and SHA256SUMS", async () => {
    const { actor } = await tenant();
    const { certification } = await completedHashCertification(actor, "Case cert");
    const claim = await claimRow(actor.tenantId);
    const download = await buildCaseBundle(actor, {
      ids: [certification.id, claim.id, claim.id.toUpperCase()],
      title: "Smith v. Acme",
    });
    expect(download.filename).toMatch(/^smith-v-acme-\d{4}-\d{2}-\d{2}-evidence\.zip$/);
    const { out, manifest } = await unpack(download);
    expect(run("sha256sum -c SHA256SUMS", out).status).toBe(0);
    const certFolder = fs.readdirSync(path.join(out, "certifications"));
    const claimFolder = fs.readdirSync(path.join(out, "claims"));
    expect(certFolder).toEqual([
      expect.stringMatching(new RegExp(`^case-cert-\\d{4}-\\d{2}-\\d{2}-${certification.id.slice(0, 8)}$`)),
    ]);
    expect(claimFolder).toEqual([`lead-42-smith-2026-03-04-${claim.id.slice(0, 8)}`]);
    expect(manifest).toMatchObject({ kind: "case", title: "Smith v. Acme" });
    expect(manifest.certifications.map((c: { id: string }) => c.id)).toEqual([certification.id]);
    expect(manifest.claims.map((c: { id: string }) => c.id)).toEqual([claim.id]);
    const [command] = xmlsecCommands(fs.readFileSync(path.join(out, "VERIFY.md"), "utf8"));
    expect(command).toContain(`certifications/${certFolder[0]}/`);
    expect(run(command!, out).status).toBe(0);
    const audited = await systemDb.auditEntry.findMany({
      where: { tenantId: actor.tenantId, action: "bundle.downloaded" },
    });
    expect(audited.map((entry) => entry.targetId).sort()).toEqual([certification.id, claim.id].sort());
  }, 60_000);

  it("refuses no ids, too many ids and a malformed id; a foreign id makes the case not found like a missing one", async () => {
    const a = await createTenantWithOwner();
    const b = await createTenantWithOwner();
    const mine = await claimRow(a.tenant.id);
    const theirs = await claimRow(b.tenant.id);
    const kindOf = (ids: string[]) =>
      buildCaseBundle(a.actor, { ids }).then(
        () => "built",
        (e: UserFacingError) => `${e.kind}: ${e.message}`,
      );
    expect(await kindOf([])).toMatch(/^invalid/);
    expect(await kindOf(Array.from({ length: CASE_LIMIT + 1 }, () => crypto.randomUUID()))).toMatch(
      /^invalid: .*at most 50/,
    );
    expect(await kindOf(Array.from({ length: 100_000 }, () => "x"))).toMatch(/^invalid/);
    expect(await kindOf([mine.id, "'; drop table claims; --"])).toMatch(/^invalid/);
    const foreign = await kindOf([mine.id, theirs.id]);
    expect(foreign).toMatch(/^not_found/);
    expect(await kindOf([mine.id, crypto.randomUUID()])).toBe(foreign);
    expect(
      await systemDb.auditEntry.count({ where: { action: "bundle.downloaded", targetId: mine.id } }),
    ).toBe(0);
  });
});
