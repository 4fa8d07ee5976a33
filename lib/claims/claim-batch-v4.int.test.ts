// Bulk claims on a TrustedForm 4.0 tenant against the sandbox (demo form variants) and a real PostgreSQL: each row
// asks what its fingerprints and the policy say, settles by the 4.0 money rules (any 200 is claimed and billed,
// whatever the outcome) with the policy's verdict, and a row whose answer was lost is unknown and never sent again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TrustedFormSandbox } from "@/sandbox/trustedform/trustedform-sandbox";
import type { DemoVariant } from "@/sandbox/trustedform/demo-variants";
import { updateConnection } from "@/lib/connections/update-connection";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { systemDb } from "@/lib/db/client";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { processClaimBatch } from "@/lib/jobs/process-claim-batch";
import { recoverStaleClaims } from "@/lib/jobs/recover-stale-claims";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";
import { createTenantWithOwner } from "@/scripts/test/factories";
import type { BatchRow } from "./batch-row";
import { checkBatchRows } from "./check-batch-rows";
import { createClaimBatch } from "./create-claim-batch";
import { getBatchProgress } from "./get-batch-progress";
import { getBatchResultsCsv } from "./get-batch-results-csv";
import { saveScanPolicy } from "./save-scan-policy";
import { NOTHING_TO_ASK_V4 } from "./v4/build-claim-intent-v4";
import { readClaimIntentV4 } from "./v4/claim-intent-v4";
import { UNKNOWN_V4_MESSAGE } from "./v4/send-and-settle-v4";
import { setTrustedFormApiVersion } from "./v4/set-trustedform-api-version";

let sandbox: TrustedFormSandbox;

beforeAll(async () => {
  sandbox = new TrustedFormSandbox({ port: 0 });
  await sandbox.start();
  allowSandboxOrigins(sandbox.baseUrl);
});

afterAll(async () => {
  await sandbox.stop();
});

const LEAD = "lead@example.com";

async function tenant(version: "3.0" | "4.0" = "4.0") {
  const account = sandbox.createAccount({ balance: 1000 });
  const { actor } = await createTenantWithOwner();
  await setTrustedFormApiVersion(actor, version);
  await updateConnection(actor, "trustedform", { environment: "sandbox", sandboxBaseUrl: sandbox.baseUrl });
  await saveTenantSecret(actor, "trustedform.api_key", account.api_key);
  return { actor, account };
}

/** Insights and Verify as the sandbox README's variant table assumes, and rules that read what they return. */
async function reviewPolicy(actor: Awaited<ReturnType<typeof tenant>>["actor"]) {
  return saveScanPolicy(actor, {
    name: "Consent review",
    requiredText: "",
    forbiddenText: "",
    isDefault: false,
    v4: {
      insightsProperties: ["bot_detected", "seconds_on_page"],
      verify: true,
      verifyAdvertiserName: "Acme Mortgage",
      verifyMinFontSizePx: "12",
      verifyMinContrastRatio: "4.5",
      verifyOptInTypes: ["manual", "non-interactive"],
      rules: [
        { kind: "no_bot_detected" },
        { kind: "one_to_one_consent" },
        { kind: "consent_language_approved" },
        { kind: "min_seconds_on_page", seconds: 10 },
        { kind: "lead_matched" },
      ],
    },
  });
}

interface AtSandbox {
  claims: unknown[];
  v4_requests: Array<{ request: Record<string, unknown> }>;
}

async function atSandbox(certId: string): Promise<AtSandbox> {
  return (await (await fetch(`${sandbox.baseUrl}/sandbox/certificates/${certId}`)).json()) as AtSandbox;
}

const cert = (variant: DemoVariant) => sandbox.createCertificate({ variant, email: LEAD });

describe("a bulk batch on TrustedForm 4.0", () => {
  it("claims mixed demo form variants: every 200 is claimed, outcomes and verdicts per row, counted on the batch", async () => {
    const { actor, account } = await tenant();
    const policy = await reviewPolicy(actor);
    // [variant, email on the row, expected outcome, expected verdict]
    const plan: Array<[DemoVariant, string, "success" | "failure", "pass" | "fail"]> = [
      ["approved", LEAD, "success", "pass"],
      ["non-interactive", LEAD, "success", "pass"],
      ["unapproved", LEAD, "failure", "fail"], // language not approved
      ["many-advertisers", LEAD, "failure", "fail"], // 1:1 false
      ["no-tags", LEAD, "failure", "fail"], // 1:1 not checkable: the rule cannot pass
      ["preselected", LEAD, "failure", "pass"], // opt-in type not allowed; no rule reads it
      ["tiny-text", LEAD, "failure", "pass"], // font size and contrast; no rule reads them
      ["bot", LEAD, "success", "fail"], // bot detected, 1 s on page
      ["approved", "someone-else@example.com", "failure", "fail"], // lead not matched
      ["approved", "", "success", "fail"], // no email: not matched nor retained, lead_matched unknown
    ];
    const certs = plan.map(([variant]) => cert(variant));
    const sandboxed = sandbox.createCertificate({ variant: "approved", email: LEAD, sandbox: true });
    const rows: BatchRow[] = [
      ...plan.map(([, email], i) => ({
        certUrl: certs[i]!.cert_url,
        email,
        reference: `R-${i}`,
        vendor: "Acme",
      })),
      { certUrl: sandboxed.cert_url, email: LEAD }, // 405: nothing done, nothing billed
    ];
    const created = await createClaimBatch(actor, {
      fileName: "v4.csv",
      rows,
      policyId: policy.id,
      concurrency: 4,
    });
    expect(created).toMatchObject({ accepted: 11, refused: [] });

    // Queued with their intent: fingerprints only, the policy's rules, why a row without contact is not retained.
    const queued = await systemDb.claim.findMany({
      where: { batchId: created.batchId },
      orderBy: { rowNumber: "asc" },
    });
    expect(queued.every((c) => c.apiVersion === "v4_0" && c.status === "queued")).toBe(true);
    const firstIntent = readClaimIntentV4(queued[0]!.request);
    expect(firstIntent?.rules).toHaveLength(5);
    expect(JSON.stringify(queued[0]!.request)).not.toContain(LEAD);
    expect(firstIntent?.v4).toMatchObject({ retain: { reference: "R-0", vendor: "Acme" } });
    expect(readClaimIntentV4(queued[9]!.request)?.notRetained).toMatch(/^Not retained/);
    expect(readClaimIntentV4(queued[9]!.request)?.v4).not.toHaveProperty("retain");

    expect(await processClaimBatch(created.batchId)).toEqual({ processed: 11, completed: true });
    const claims = await systemDb.claim.findMany({
      where: { batchId: created.batchId },
      orderBy: { rowNumber: "asc" },
    });
    plan.forEach(([variant, email, outcome, verdict], i) => {
      const claim = claims[i]!;
      expect({
        variant,
        email,
        status: claim.status,
        outcome: claim.outcome,
        verdict: claim.verdict,
      }).toEqual({
        variant,
        email,
        status: "claimed",
        outcome,
        verdict,
      });
      expect(claim.apiVersion).toBe("v4_0");
      // `request` now holds the body sent, with fingerprints only.
      expect(claim.request).toMatchObject({ insights: { properties: ["bot_detected", "seconds_on_page"] } });
      expect(JSON.stringify(claim.request)).not.toContain("@example.com");
      expect(claim.verdictRules).toHaveLength(5);
    });
    const byRow = (n: number) => claims[n]!;
    expect(byRow(0)).toMatchObject({
      emailMatch: true,
      fingerprintMatch: true,
      oneToOne: true,
      languageApproved: true,
      botDetected: false,
      secondsOnPage: 48,
      previouslyRetained: false,
    });
    expect(byRow(0).retainedUntil!.getTime()).toBeGreaterThan(Date.now() + 1000 * 86_400 * 365);
    expect(byRow(2).languageApproved).toBe(false);
    expect(byRow(3).oneToOne).toBe(false);
    expect(byRow(4).oneToOne).toBeNull();
    expect(byRow(7)).toMatchObject({ botDetected: true, secondsOnPage: 1 });
    expect(byRow(8)).toMatchObject({ emailMatch: false, fingerprintMatch: false });
    expect(byRow(9)).toMatchObject({ emailMatch: null, retainedUntil: null, errorKind: "review_note" });
    expect(byRow(9).errorMessage).toMatch(/Not retained: TrustedForm 4.0 retains/);
    expect(byRow(10)).toMatchObject({ status: "failed", errorKind: "sandboxed", verdict: null });
    expect(byRow(10).request).toEqual(queued[10]!.request); // never answered: the intent stays

    // Each certificate was asked once; the refused one cost nothing.
    for (const c of certs) expect((await atSandbox(c.cert_id)).v4_requests).toHaveLength(1);
    expect(sandbox.listAccounts().find((a) => a.api_key === account.api_key)?.balance).toBe(990);

    const progress = await getBatchProgress(actor, created.batchId);
    expect(progress).toMatchObject({
      status: "completed",
      done: 11,
      counts: { success: 4, failure: 6, failed: 1, unknown: 0, queued: 0, sending: 0 },
      verdicts: { pass: 4, fail: 6 },
    });
    const csv = await new Response((await getBatchResultsCsv(actor, created.batchId))!.body).text();
    const lines = csv.trim().split("\n");
    expect(lines[0]).toMatch(/,api_version,verdict,verdict_failed_rules,email_match,.*,seconds_on_page$/);
    expect(lines).toHaveLength(12);
    expect(lines[1]).toContain('"success","0/0","0","true","","","4.0","pass",""');
    expect(lines[8]).toMatch(/"4\.0","fail","Bot detected: yes[^"]*; Time on page[^"]*"/);
    expect(await verifyAuditChain(actor.tenantId)).toMatchObject({ intact: true });
  });

  it("makes a row whose connection dropped, or whose answer was a 5xx after the work, unknown and never sends it again", async () => {
    const { actor, account } = await tenant();
    const certs = [cert("approved"), cert("approved"), cert("approved")];
    const rows = certs.map((c) => ({ certUrl: c.cert_url, email: LEAD }));
    const setFaults = (faults: object) =>
      fetch(`${sandbox.baseUrl}/sandbox/accounts/${account.api_key}`, {
        method: "PATCH",
        body: JSON.stringify({ faults }),
      });
    await setFaults({ endpoints: { claim: { dropNext: 1, failNext: 1, errorWhen: "after" } } });
    const { batchId } = await createClaimBatch(actor, { fileName: "drop.csv", rows, concurrency: 1 });
    expect(await processClaimBatch(batchId)).toEqual({ processed: 3, completed: true });
    const claims = await systemDb.claim.findMany({ where: { batchId }, orderBy: { rowNumber: "asc" } });
    expect(claims.map((c) => c.status)).toEqual(["unknown", "unknown", "claimed"]);
    for (const claim of claims.slice(0, 2))
      expect(claim).toMatchObject({
        errorKind: "no_answer",
        errorMessage: UNKNOWN_V4_MESSAGE,
        verdict: null,
      });
    // The dropped request did nothing; the 5xx came after the work (retained and billed).
    const before = await Promise.all(certs.map(async (c) => (await atSandbox(c.cert_id)).v4_requests.length));
    expect(before).toEqual([0, 1, 1]);

    // Nothing sends them again: not a second run, not the sweep, not a new batch of the same certificates.
    await setFaults({});
    expect(await processClaimBatch(batchId)).toEqual({ processed: 0, completed: true });
    await recoverStaleClaims();
    const again = await checkBatchRows(actor, rows);
    expect(again.accepted).toHaveLength(0);
    expect(again.refused.map((r) => r.reason)).toEqual(
      Array(3).fill("This certificate was already claimed by this tenant."),
    );
    const after = await Promise.all(certs.map(async (c) => (await atSandbox(c.cert_id)).v4_requests.length));
    expect(after).toEqual([0, 1, 1]);
    expect((await systemDb.claim.findMany({ where: { batchId } })).map((c) => c.status).sort()).toEqual([
      "claimed",
      "unknown",
      "unknown",
    ]);
  });

  it("recovers a 4.0 row a dead worker left sending as unknown, without asking or sending, and claims the rest", async () => {
    const { actor } = await tenant();
    const certs = Array.from({ length: 4 }, () => cert("approved"));
    const { batchId } = await createClaimBatch(actor, {
      fileName: "crash.csv",
      rows: certs.map((c) => ({ certUrl: c.cert_url, email: LEAD })),
      concurrency: 2,
    });
    const taken = await systemDb.claim.findFirstOrThrow({
      where: { batchId },
      orderBy: { rowNumber: "asc" },
    });
    await systemDb.claim.update({
      where: { id: taken.id },
      data: { status: "sending", lockedAt: new Date(Date.now() - 120_000) },
    });
    await recoverStaleClaims();
    expect(await systemDb.claim.findUniqueOrThrow({ where: { id: taken.id } })).toMatchObject({
      status: "unknown",
      errorKind: "no_answer",
      errorMessage: UNKNOWN_V4_MESSAGE,
    });
    expect(await processClaimBatch(batchId)).toEqual({ processed: 3, completed: true });
    const counts = await Promise.all(certs.map(async (c) => (await atSandbox(c.cert_id)).v4_requests.length));
    expect(counts).toEqual([0, 1, 1, 1]);
    const entry = await systemDb.auditEntry.findFirstOrThrow({
      where: { tenantId: actor.tenantId, targetId: taken.id },
    });
    expect(entry).toMatchObject({ action: "claim.unknown", details: { via: "recovery", status: "unknown" } });
  });

  it("refuses at upload, in words, a row with nothing to ask; a policy with Insights makes it claimable; 3.0 is unchanged", async () => {
    const { actor } = await tenant();
    const contactless = sandbox.createCertificate({ variant: "approved" }).cert_url;
    const withEmail = cert("approved").cert_url;
    const rows: BatchRow[] = [
      { certUrl: contactless, reference: "R-1" },
      { certUrl: withEmail, email: LEAD },
      { certUrl: contactless, phone: "512 555" }, // a bad phone is still refused as such
    ];
    const plain = await checkBatchRows(actor, rows);
    expect(plain.apiVersion).toBe("4.0");
    expect(plain.accepted.map((r) => r.row)).toEqual([2]);
    expect(plain.refused).toEqual([
      { row: 1, certUrl: contactless, reason: NOTHING_TO_ASK_V4 },
      { row: 3, certUrl: contactless, reason: '"512 555" is not a phone number (fewer than 7 digits).' },
    ]);
    await expect(createClaimBatch(actor, { fileName: "none.csv", rows: [rows[0]!] })).rejects.toThrow(
      /No row of the file can be claimed/,
    );
    expect(await systemDb.claim.count({ where: { tenantId: actor.tenantId } })).toBe(0);
    await expect(checkBatchRows(actor, rows, "00000000-0000-4000-8000-000000000000")).rejects.toThrow(
      "That scan policy was not found.",
    );

    const insights = await saveScanPolicy(actor, {
      name: "Bots",
      requiredText: "",
      forbiddenText: "",
      isDefault: false,
      v4: {
        insightsProperties: ["bot_detected"],
        verify: false,
        verifyAdvertiserName: "",
        verifyMinFontSizePx: "",
        verifyMinContrastRatio: "",
        verifyOptInTypes: [],
        rules: [{ kind: "no_bot_detected" }],
      },
    });
    const created = await createClaimBatch(actor, {
      fileName: "insights.csv",
      rows: rows.slice(0, 2),
      policyId: insights.id,
    });
    expect(created).toMatchObject({ accepted: 2, refused: [] });
    await processClaimBatch(created.batchId);
    const claims = await systemDb.claim.findMany({
      where: { batchId: created.batchId },
      orderBy: { rowNumber: "asc" },
    });
    expect(claims.map((c) => [c.status, c.outcome, c.verdict, c.botDetected])).toEqual([
      ["claimed", "success", "pass", false],
      ["claimed", "success", "pass", false],
    ]);
    expect(claims[0]!.request).toEqual({ insights: { properties: ["bot_detected"] } });

    // The same file on a 3.0 tenant: both rows queued as 3.0 (no intent), claimed with the older API.
    const old = await tenant("3.0");
    const fresh = [
      { certUrl: sandbox.createCertificate({ page_text: "I consent." }).cert_url, reference: "R-1" },
      { certUrl: sandbox.createCertificate({ page_text: "I consent.", email: LEAD }).cert_url, email: LEAD },
    ];
    const v3 = await createClaimBatch(old.actor, { fileName: "v3.csv", rows: fresh });
    expect(v3).toMatchObject({ accepted: 2, refused: [] });
    await processClaimBatch(v3.batchId);
    const v3Claims = await systemDb.claim.findMany({
      where: { batchId: v3.batchId },
      orderBy: { rowNumber: "asc" },
    });
    expect(v3Claims.map((c) => [c.apiVersion, c.status, c.outcome, c.request, c.verdict])).toEqual([
      ["v3_0", "claimed", "success", null, null],
      ["v3_0", "claimed", "success", null, null],
    ]);
    const v3Csv = await new Response((await getBatchResultsCsv(old.actor, v3.batchId))!.body).text();
    expect(v3Csv.trim().split("\n")[1]).toMatch(/"3\.0","","","","","","","","","",""$/);
  });
});
