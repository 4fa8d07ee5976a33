// The daily TrueScreen certification of a tenant's audit chain head, driven as the worker drives it (anchor, then
// certify what is due) against the TrueScreen sandbox over real HTTP: one hash certification of the newest anchor
// object's bytes, recorded and listed, never two in a day, none for a tenant that did not ask or has nothing new.
import { memberOf } from "@/lib/core/actor";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TrueScreenSandbox, type ApiKey } from "@/sandbox/truescreen/truescreen-sandbox";
import { updateConnection } from "@/lib/connections/update-connection";
import { systemDb } from "@/lib/db/client";
import { LocalEvidenceStore, type EvidenceStore } from "@/lib/evidence/evidence-store";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { anchorAuditHeads } from "@/lib/audit/anchor-audit-heads";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { setAuditHeadCertify } from "@/lib/audit/set-audit-head-certify";
import { certifyDueAuditHeads } from "./certify-audit-heads";
import { listAuditHeadCertifications } from "@/lib/audit/list-audit-head-certifications";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";

let sandbox: TrueScreenSandbox;
const root = fs.mkdtempSync(path.join(os.tmpdir(), "certdesk-head-certify-"));
const store: EvidenceStore = new LocalEvidenceStore(root);

/** A port nothing listens on: the sandbox's webhooks go nowhere, the worker's polling is what would settle. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  process.env.NEXTAUTH_URL = `http://127.0.0.1:${await closedPort()}`;
  sandbox = new TrueScreenSandbox({ port: 0, dataDir: null, processingMs: 300, webhookRetryDelaysMs: [0] });
  await sandbox.start();
  allowSandboxOrigins(sandbox.baseUrl);
});

afterAll(async () => {
  await sandbox.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

async function tenantOnSandbox(credits = 10) {
  const key = sandbox.createKey({ credits });
  const { actor, tenant } = await createTenantWithOwner();
  await updateConnection(actor, "truescreen", { environment: "sandbox", sandboxBaseUrl: sandbox.baseUrl });
  await saveTenantSecret(actor, "truescreen.api_key", key.api_key);
  return { actor, tenant, key };
}

async function certifiedAtSandbox(key: ApiKey) {
  const all = (await (await fetch(`${sandbox.baseUrl}/sandbox/certifications`)).json()) as Array<{
    apiKey: string;
    mode: string;
    title: string;
    files: Array<{ file_name: string; sha256: string }>;
  }>;
  return all.filter((c) => c.apiKey === key.api_key);
}

/** One run of the worker's tick: anchor the heads that moved, then certify the heads that are due. */
async function tick(now?: Date) {
  await anchorAuditHeads({ store });
  return certifyDueAuditHeads({ store, now });
}

const sha256 = (data: Buffer) => crypto.createHash("sha256").update(data).digest("hex");

describe("the daily certification of the audit chain head", () => {
  it("certifies the SHA-256 of the newest anchor once a day, records and lists it, and spends one credit", async () => {
    const { actor, tenant, key } = await tenantOnSandbox();
    const untouched = await tenantOnSandbox(); // never switched on
    await setAuditHeadCertify(actor, true);
    const head = await systemDb.auditEntry.findFirstOrThrow({
      where: { tenantId: tenant.id },
      orderBy: { seq: "desc" },
    });
    expect(head.action).toBe("audit.head_certification_enabled");

    const outcomes = await tick();
    expect(outcomes.find((o) => o.tenantId === untouched.tenant.id)).toBeUndefined();
    const outcome = outcomes.find((o) => o.tenantId === tenant.id);
    expect(outcome).toMatchObject({ status: "certified", certificationStatus: "pending" });

    const anchorKey = `audit-anchors/${tenant.id}/${String(head.seq).padStart(10, "0")}.json`;
    const anchorSha256 = sha256(fs.readFileSync(path.join(root, anchorKey)));
    const [row] = await listAuditHeadCertifications(actor);
    expect(row).toMatchObject({
      seq: head.seq,
      hash: head.hash,
      anchorKey,
      anchorSha256,
      certificationId: outcome!.status === "certified" ? outcome!.certificationId : "",
      certificationStatus: "pending",
    });
    const atSandbox = await certifiedAtSandbox(key);
    expect(atSandbox).toMatchObject([
      { mode: "hash", title: `Audit log head: entry ${head.seq}`, files: [{ sha256: anchorSha256 }] },
    ]);
    expect(sandbox.listKeys().find((k) => k.api_key === key.api_key)!.credits).toBe(9);
    expect(await certifiedAtSandbox(untouched.key)).toEqual([]);

    // The same day, with new entries: nothing more is spent.
    await appendAuditEntry({ tenantId: tenant.id, action: "test.event" });
    expect((await tick()).find((o) => o.tenantId === tenant.id)).toMatchObject({ status: "not_due" });
    expect(await certifiedAtSandbox(key)).toHaveLength(1);

    // A day later the new head is certified.
    const tomorrow = new Date(Date.now() + 25 * 60 * 60 * 1000);
    expect((await tick(tomorrow)).find((o) => o.tenantId === tenant.id)).toMatchObject({
      status: "certified",
    });
    expect(await certifiedAtSandbox(key)).toHaveLength(2);
    expect((await listAuditHeadCertifications(actor)).map((r) => r.seq)).toEqual([
      expect.any(Number),
      head.seq,
    ]);
  });

  it("does not certify a dormant tenant's head again when only the last certification happened since", async () => {
    const { actor, tenant, key } = await tenantOnSandbox();
    await setAuditHeadCertify(actor, true);
    expect((await tick()).find((o) => o.tenantId === tenant.id)).toMatchObject({ status: "certified" });
    const tomorrow = new Date(Date.now() + 25 * 60 * 60 * 1000);
    expect((await tick(tomorrow)).find((o) => o.tenantId === tenant.id)).toMatchObject({
      status: "unchanged",
    });
    expect(await certifiedAtSandbox(key)).toHaveLength(1);
  });

  it("records a failed attempt once, with its reason in the audit log, when the tenant has no TrueScreen key", async () => {
    const { actor, tenant } = await createTenantWithOwner();
    await updateConnection(actor, "truescreen", { environment: "sandbox", sandboxBaseUrl: sandbox.baseUrl });
    await setAuditHeadCertify(actor, true);
    expect((await tick()).find((o) => o.tenantId === tenant.id)).toMatchObject({
      status: "failed",
      reason: expect.stringMatching(/no TrueScreen API key/),
    });
    expect((await tick()).find((o) => o.tenantId === tenant.id)).toMatchObject({ status: "not_due" });
    const failures = await systemDb.auditEntry.count({
      where: { tenantId: tenant.id, action: "audit.head_certification_failed" },
    });
    expect(failures).toBe(1);
    expect(await listAuditHeadCertifications(actor)).toMatchObject([{ certificationId: null }]);
  });

  it("tries again at the next run when it failed before anything was saved, at most three times a day", async () => {
    const { actor, tenant, key } = await tenantOnSandbox();
    await setAuditHeadCertify(actor, true);
    const secret = () =>
      systemDb.tenantSecret.findFirstOrThrow({
        where: { tenantId: tenant.id, purpose: "truescreen.api_key" },
      });
    const sealed = (await secret()).sealed;
    // A stored key that cannot be opened: an unexpected error before the certification is saved or sent.
    await systemDb.tenantSecret.update({
      where: { id: (await secret()).id },
      data: { sealed: "v1:garbled" },
    });
    const failures = () =>
      systemDb.auditEntry.findMany({
        where: { tenantId: tenant.id, action: "audit.head_certification_failed" },
        orderBy: { seq: "asc" },
        select: { details: true },
      });

    expect((await tick()).find((o) => o.tenantId === tenant.id)).toMatchObject({ status: "failed" });
    // Withdrawn: nothing was saved, so the next run may try again.
    expect(await systemDb.auditHeadCertification.count({ where: { tenantId: tenant.id } })).toBe(0);
    expect((await failures()).at(-1)?.details).toMatchObject({ retry: "at the next run" });

    // Repaired before the next run: it certifies, once.
    await systemDb.tenantSecret.update({ where: { id: (await secret()).id }, data: { sealed } });
    expect((await tick()).find((o) => o.tenantId === tenant.id)).toMatchObject({ status: "certified" });
    expect(await certifiedAtSandbox(key)).toHaveLength(1);
    expect((await tick()).find((o) => o.tenantId === tenant.id)).toMatchObject({ status: "not_due" });

    // Broken for good: the third failure of the day is kept as the day's attempt, not tried every run.
    const other = await tenantOnSandbox();
    await setAuditHeadCertify(other.actor, true);
    await systemDb.tenantSecret.updateMany({
      where: { tenantId: other.tenant.id, purpose: "truescreen.api_key" },
      data: { sealed: "v1:garbled" },
    });
    const outcomes = [];
    for (let run = 0; run < 5; run++)
      outcomes.push((await tick()).find((o) => o.tenantId === other.tenant.id)?.status);
    expect(outcomes).toEqual(["failed", "failed", "failed", "not_due", "not_due"]);
    expect(await systemDb.auditHeadCertification.count({ where: { tenantId: other.tenant.id } })).toBe(1);
    expect(await certifiedAtSandbox(other.key)).toHaveLength(0);
  });

  it("is switched off again by an admin, audited", async () => {
    const { actor, tenant } = await tenantOnSandbox();
    await setAuditHeadCertify(actor, true);
    await setAuditHeadCertify(actor, true); // no change: nothing recorded
    await setAuditHeadCertify(actor, false);
    const actions = await systemDb.auditEntry.findMany({
      where: { tenantId: tenant.id, action: { startsWith: "audit.head_certification" } },
      orderBy: { seq: "asc" },
    });
    expect(actions.map((a) => [a.action, a.actorEmail])).toEqual([
      ["audit.head_certification_enabled", memberOf(actor.actor).email],
      ["audit.head_certification_disabled", memberOf(actor.actor).email],
    ]);
    expect((await tick()).find((o) => o.tenantId === tenant.id)).toBeUndefined();
  });
});
