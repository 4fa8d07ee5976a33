// Every aggregate of the overview on seeded claims and certifications with the exact numbers expected, beside another
// tenant whose rows (on the same days, with the same vendors) must never be counted, and with hostile filters.
import crypto from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Prisma } from "@/generated/prisma/client";
import { systemDb } from "@/lib/db/client";
import type { TenantContext } from "@/lib/core/tenant-context";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { getCertificationsPerWeek } from "./get-certifications-per-week";
import { getClaimsPerDay } from "./get-claims-per-day";
import { getCreditsPerWeek } from "./get-credits-per-week";
import { getFailureReasons } from "./get-failure-reasons";
import { getOverview } from "./get-overview";
import { getPendingWork } from "./get-pending-work";
import { getRuleFailures } from "./get-rule-failures";
import { getV4Rates } from "./get-v4-rates";
import { getVendorOutcomes } from "./get-vendor-outcomes";
import { type OverviewFilters, parseOverviewFilters } from "./overview-filters";

const HOSTILE_VENDOR = `<script>alert("x")</script>`;
const RANGE: OverviewFilters = { from: "2026-03-01", to: "2026-03-07", vendor: null };
const zero = { success: 0, failure: 0, notClaimed: 0, inFlight: 0, noOutcome: 0 };

type ClaimSeed = Omit<Prisma.ClaimCreateManyInput, "tenantId" | "certId" | "certUrl">;

function claims(
  tenantId: string,
  at: string,
  count: number,
  row: Partial<ClaimSeed>,
): Prisma.ClaimCreateManyInput[] {
  return Array.from({ length: count }, () => ({
    tenantId,
    certId: crypto.randomBytes(20).toString("hex"),
    certUrl: "https://cert.trustedform.com/x",
    status: "claimed" as const,
    createdAt: new Date(at),
    ...row,
  }));
}

const failedRules = [
  { rule: { kind: "one_to_one_consent" }, passed: false, known: true, words: "1:1 consent: no — failed" },
  { rule: { kind: "no_bot_detected" }, passed: false, known: true, words: "Bot detected: yes — failed" },
  {
    rule: { kind: "consent_language_approved" },
    passed: false,
    known: false,
    words: "Consent language approved: not known — failed",
  },
  {
    rule: { kind: "min_seconds_on_page", seconds: 5 },
    passed: true,
    known: true,
    words: "Time on page: 9 s — passed",
  },
];

/** The same shape of data for any tenant: A gets it once, B gets it too plus extra rows of its own. */
async function seed(tenantId: string) {
  await systemDb.claim.createMany({
    data: [
      ...claims(tenantId, "2026-02-28T23:59:59.999Z", 5, { outcome: "success", vendor: "Acme" }), // before the range
      ...claims(tenantId, "2026-03-02T10:00:00Z", 3, { outcome: "success", vendor: "Acme" }),
      ...claims(tenantId, "2026-03-02T11:00:00Z", 1, {
        outcome: "failure",
        vendor: "Acme",
        requiredFound: 2,
        requiredTotal: 2,
        forbiddenFound: 1,
      }),
      ...claims(tenantId, "2026-03-03T00:00:00Z", 2, {
        outcome: "failure",
        vendor: "Beta",
        requiredFound: 1,
        requiredTotal: 2,
      }),
      ...claims(tenantId, "2026-03-03T09:00:00Z", 2, {
        status: "failed",
        vendor: "Beta",
        errorKind: "http_401",
        errorMessage: "The API key was refused.",
      }),
      ...claims(tenantId, "2026-03-04T09:00:00Z", 1, { status: "unknown" }),
      ...claims(tenantId, "2026-03-05T09:00:00Z", 1, {
        apiVersion: "v4_0",
        outcome: "success",
        vendor: "Acme",
        oneToOne: true,
        botDetected: false,
        languageApproved: true,
        verdict: "pass",
        verdictRules: [],
      }),
      ...claims(tenantId, "2026-03-05T10:00:00Z", 1, {
        apiVersion: "v4_0",
        outcome: "failure",
        vendor: HOSTILE_VENDOR,
        oneToOne: false,
        botDetected: true,
        languageApproved: null,
        verdict: "fail",
        verdictRules: failedRules,
        response: { outcome: "failure", reason: "Consent language not found." },
      }),
      ...claims(tenantId, "2026-03-07T23:59:59.999Z", 1, { outcome: "success", vendor: "Acme" }),
      ...claims(tenantId, "2026-03-08T00:00:00Z", 1, { outcome: "success", vendor: "Acme" }), // after the range
    ],
  });
  const certification = (at: string, status: Prisma.CertificationCreateManyInput["status"], more = {}) => ({
    tenantId,
    title: `Cert ${at}`,
    mode: "hash" as const,
    fileCount: 1,
    status,
    createdAt: new Date(at),
    ...more,
  });
  await systemDb.certification.createMany({
    data: [
      certification("2026-02-20T12:00:00Z", "completed", { creditsAmount: 10 }), // before the range, not archived
      certification("2026-03-01T12:00:00Z", "completed", { creditsAmount: 2, archivedAt: new Date() }),
      certification("2026-03-03T12:00:00Z", "completed", { creditsAmount: 3 }),
      certification("2026-03-04T12:00:00Z", "pending", { creditsAmount: 1 }),
      certification("2026-03-05T12:00:00Z", "error"),
      certification("2026-03-06T12:00:00Z", "uploading"),
    ],
  });
  const batch = { tenantId, fileName: "leads.csv", totalRows: 1, acceptedRows: 1, concurrency: 4 };
  await systemDb.claimBatch.createMany({
    data: [
      { ...batch, status: "running" },
      { ...batch, status: "completed" },
    ],
  });
}

let a: TenantContext;
let b: TenantContext;

beforeAll(async () => {
  a = (await createTenantWithOwner()).actor;
  b = (await createTenantWithOwner()).actor;
  await seed(a.tenantId);
  await seed(b.tenantId);
  // B has more: on the same days, with the same vendors, in every state the overview counts.
  await systemDb.claim.createMany({
    data: [
      ...claims(b.tenantId, "2026-03-02T12:00:00Z", 7, {
        outcome: "failure",
        vendor: "Acme",
        forbiddenFound: 1,
      }),
      ...claims(b.tenantId, "2026-03-05T12:00:00Z", 3, {
        apiVersion: "v4_0",
        outcome: "failure",
        vendor: "Acme",
        oneToOne: false,
        botDetected: true,
        languageApproved: false,
        verdict: "fail",
        verdictRules: failedRules,
      }),
      ...claims(b.tenantId, "2026-03-06T12:00:00Z", 4, { status: "sending" }),
      ...claims(b.tenantId, "2026-03-06T12:00:00Z", 2, { status: "queued" }),
    ],
  });
  await systemDb.certification.create({
    data: {
      tenantId: b.tenantId,
      title: "B",
      mode: "hash",
      fileCount: 1,
      status: "creating",
      creditsAmount: 50,
      createdAt: new Date("2026-03-03T00:00:00Z"),
    },
  });
});

describe("overview aggregates", () => {
  it("counts claims per day by how they ended, every day of the range, the range's ends included", async () => {
    const days = await getClaimsPerDay(a, RANGE);
    expect(days).toEqual([
      { day: "2026-03-01", ...zero },
      { day: "2026-03-02", ...zero, success: 3, failure: 1 },
      { day: "2026-03-03", ...zero, failure: 2, notClaimed: 2 },
      { day: "2026-03-04", ...zero, inFlight: 1 },
      { day: "2026-03-05", ...zero, success: 1, failure: 1 },
      { day: "2026-03-06", ...zero },
      { day: "2026-03-07", ...zero, success: 1 },
    ]);
  });

  it("shares outcomes by vendor, the busiest first, claims without a vendor included", async () => {
    expect(await getVendorOutcomes(a, RANGE)).toEqual({
      top: [
        { vendor: "Acme", total: 6, ...zero, success: 5, failure: 1 },
        { vendor: "Beta", total: 4, ...zero, failure: 2, notClaimed: 2 },
        { vendor: HOSTILE_VENDOR, total: 1, ...zero, failure: 1 },
        { vendor: null, total: 1, ...zero, inFlight: 1 },
      ],
      others: null,
    });
  });

  it("adds vendors beyond the top ten up as others", async () => {
    const { actor } = await createTenantWithOwner();
    await systemDb.claim.createMany({
      data: Array.from({ length: 12 }, (_, i) =>
        claims(actor.tenantId, "2026-03-02T00:00:00Z", 12 - i, {
          outcome: "success",
          vendor: `V${String(i).padStart(2, "0")}`,
        }),
      ).flat(),
    });
    const shares = await getVendorOutcomes(actor, RANGE);
    expect(shares.top.map((row) => [row.vendor, row.total])).toEqual(
      Array.from({ length: 10 }, (_, i) => [`V${String(i).padStart(2, "0")}`, 12 - i]),
    );
    expect(shares.others).toEqual({ vendors: 2, total: 3, ...zero, success: 3 });
  });

  it("ranks the failure reasons: error messages, TrustedForm's reason, the scan's finding", async () => {
    expect(await getFailureReasons(a, RANGE)).toEqual({
      total: 6,
      reasons: [
        { reason: "Required consent terms not found", count: 2 },
        { reason: "The API key was refused.", count: 2 },
        { reason: "Consent language not found.", count: 1 },
        { reason: "Forbidden consent terms found", count: 1 },
      ],
    });
  });

  it("counts each policy rule the failed verdicts failed, and those failed for an unknown fact", async () => {
    expect(await getRuleFailures(a, RANGE)).toEqual({
      judged: 2,
      failed: 1,
      rules: [
        {
          kind: "consent_language_approved",
          label: "Consent language must be approved",
          count: 1,
          unknownFact: 1,
        },
        { kind: "no_bot_detected", label: "Bot detected must be no", count: 1, unknownFact: 0 },
        { kind: "one_to_one_consent", label: "1:1 consent must be yes", count: 1, unknownFact: 0 },
      ],
    });
  });

  it("gives the 4.0 rates over the claims that had each fact", async () => {
    expect(await getV4Rates(a, RANGE)).toEqual({
      v4Claims: 2,
      oneToOneFalse: { count: 1, of: 2 },
      botDetected: { count: 1, of: 2 },
      languageNotApproved: { count: 0, of: 1 },
    });
  });

  it("sums credits per week (Monday, UTC) and counts certifications per week by status", async () => {
    expect(await getCreditsPerWeek(a, RANGE)).toEqual([
      { week: "2026-02-23", credits: 2, certifications: 1 },
      { week: "2026-03-02", credits: 4, certifications: 2 },
    ]);
    const none = { uploading: 0, creating: 0, pending: 0, completed: 0, error: 0, unknown: 0 };
    expect(await getCertificationsPerWeek(a, RANGE)).toEqual([
      { week: "2026-02-23", ...none, completed: 1 },
      { week: "2026-03-02", ...none, completed: 1, pending: 1, error: 1, uploading: 1 },
    ]);
  });

  it("counts the pending work of the whole tenant, whatever the range", async () => {
    const expected = {
      claimsUnknown: 1,
      claimsWaiting: 0,
      batchesRunning: 1,
      certificationsUploading: 1,
      certificationsPending: 1,
      certificationsUnsettled: 0,
      certificationsUnarchived: 2,
    };
    expect(await getPendingWork(a)).toEqual(expected);
    expect(await getPendingWork(b)).toEqual({
      ...expected,
      claimsWaiting: 6,
      certificationsUnsettled: 1,
    });
  });

  it("counts tenant B's own rows for B, which A's numbers above never included", async () => {
    const overview = await getOverview(b, RANGE);
    expect(overview.claimsPerDay.find((d) => d.day === "2026-03-02")).toMatchObject({
      success: 3,
      failure: 8,
    });
    expect(overview.v4Rates).toMatchObject({ v4Claims: 5, botDetected: { count: 4, of: 5 } });
    expect(overview.ruleFailures).toMatchObject({ judged: 5, failed: 4 });
    expect(overview.creditsPerWeek[1]).toEqual({ week: "2026-03-02", credits: 54, certifications: 3 });
  });

  it("filters claims by vendor (certifications have none), with SQL and HTML in a vendor taken as text", async () => {
    const acme = await getOverview(a, { ...RANGE, vendor: "Acme" });
    expect(acme.claimsPerDay.filter((d) => d.success + d.failure > 0)).toEqual([
      { day: "2026-03-02", ...zero, success: 3, failure: 1 },
      { day: "2026-03-05", ...zero, success: 1 },
      { day: "2026-03-07", ...zero, success: 1 },
    ]);
    expect(acme.failureReasons).toEqual({
      total: 1,
      reasons: [{ reason: "Forbidden consent terms found", count: 1 }],
    });
    expect(acme.creditsPerWeek).toEqual(await getCreditsPerWeek(a, RANGE));

    const html = await getOverview(a, { ...RANGE, vendor: HOSTILE_VENDOR });
    expect(html.vendorOutcomes.top).toEqual([{ vendor: HOSTILE_VENDOR, total: 1, ...zero, failure: 1 }]);

    for (const vendor of [`' OR '1'='1`, `Acme'; drop table "Claim"; --`, `%`, `Acme\\`, `$1`]) {
      const overview = await getOverview(a, { ...RANGE, vendor });
      expect(
        overview.claimsPerDay.every((d) => d.success + d.failure + d.notClaimed + d.inFlight === 0),
      ).toBe(true);
      expect(overview.vendorOutcomes).toEqual({ top: [], others: null });
      expect(overview.failureReasons).toEqual({ total: 0, reasons: [] });
    }
    expect(await systemDb.claim.count({ where: { tenantId: a.tenantId } })).toBe(18);
  });

  it("stays exact as claims are sent, settled, decided, moved to another vendor and deleted", async () => {
    const { actor } = await createTenantWithOwner();
    await systemDb.claim.createMany({
      data: claims(actor.tenantId, "2026-03-03T08:00:00Z", 4, { status: "queued", vendor: "Acme" }),
    });
    const ids = (
      await systemDb.claim.findMany({ where: { tenantId: actor.tenantId }, select: { id: true } })
    ).map((row) => row.id);
    const day = async () => (await getClaimsPerDay(actor, RANGE)).find((d) => d.day === "2026-03-03");
    const pending = async () => {
      const work = await getPendingWork(actor);
      return [work.claimsWaiting, work.claimsUnknown];
    };
    expect(await day()).toEqual({ day: "2026-03-03", ...zero, inFlight: 4 });
    expect(await pending()).toEqual([4, 0]);

    // A take (queued -> sending) changes no counted fact: it writes no count and so never waits for the tenant's
    // overview lock, even while a settlement holds it (a worker frozen mid-settlement cannot hold takes back).
    const counts = () =>
      systemDb.claimDailyCount.findMany({
        where: { tenantId: actor.tenantId },
        orderBy: [{ metric: "asc" }, { label: "asc" }, { day: "asc" }, { vendor: "asc" }],
      });
    const before = await counts();
    const order: string[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const settlement = systemDb.$transaction(
      async (tx) => {
        await tx.$executeRaw`select pg_advisory_xact_lock(hashtextextended(${`certdesk-overview:${actor.tenantId}`}, 0))`;
        order.push("lock held");
        await held;
        order.push("lock released");
      },
      { timeout: 60_000 },
    );
    while (!order.includes("lock held")) await new Promise((resolve) => setTimeout(resolve, 10));
    const take = systemDb.claim
      .updateMany({ where: { id: { in: ids.slice(0, 3) } }, data: { status: "sending" } })
      .then(() => void order.push("taken"));
    // Released when the take is done, or after 10 s if it waited for the lock (then the order shows it).
    await Promise.race([take, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    release();
    await Promise.all([take, settlement]);
    expect(order).toEqual(["lock held", "taken", "lock released"]);
    expect(await counts()).toEqual(before);
    expect(await pending()).toEqual([4, 0]);
    await systemDb.claim.update({ where: { id: ids[0] }, data: { status: "claimed", outcome: "success" } });
    await systemDb.claim.update({
      where: { id: ids[1] },
      data: { status: "failed", errorMessage: "x".repeat(5000) }, // a long message never fails the write
    });
    await systemDb.claim.update({ where: { id: ids[2] }, data: { status: "unknown" } });
    await systemDb.claim.update({
      where: { id: ids[0] },
      data: { decision: "accepted", decidedAt: new Date() },
    });
    expect(await day()).toEqual({ day: "2026-03-03", ...zero, success: 1, notClaimed: 1, inFlight: 2 });
    expect(await pending()).toEqual([1, 1]);
    expect((await getFailureReasons(actor, RANGE)).reasons).toEqual([{ reason: "x".repeat(200), count: 1 }]);

    await systemDb.claim.update({ where: { id: ids[0] }, data: { vendor: "Zeta" } });
    expect((await getVendorOutcomes(actor, { ...RANGE, vendor: "Zeta" })).top).toEqual([
      { vendor: "Zeta", total: 1, ...zero, success: 1 },
    ]);
    expect((await getVendorOutcomes(actor, { ...RANGE, vendor: "Acme" })).top).toEqual([
      { vendor: "Acme", total: 3, ...zero, notClaimed: 1, inFlight: 2 },
    ]);

    await systemDb.claim.deleteMany({ where: { id: { in: ids.slice(1) } } });
    expect(await day()).toEqual({ day: "2026-03-03", ...zero, success: 1 });
    expect(await pending()).toEqual([0, 0]);
    expect(await getFailureReasons(actor, RANGE)).toEqual({ total: 0, reasons: [] });
    // The other tenants' counts did not move.
    expect((await getClaimsPerDay(a, RANGE))[2]).toEqual({
      day: "2026-03-03",
      ...zero,
      failure: 2,
      notClaimed: 2,
    });
  });

  it("answers hostile URL filters with the defaults and still counts exactly", async () => {
    const { filters, refused } = parseOverviewFilters(
      { from: "2026-03-01'; select pg_sleep(5); --", to: "2026-03-07", vendor: "x".repeat(5000) },
      new Date("2026-03-10T00:00:00Z"),
    );
    expect(refused).toHaveLength(2);
    expect(filters).toEqual({ from: "2026-02-06", to: "2026-03-07", vendor: null });
    const days = await getClaimsPerDay(a, filters);
    expect(days).toHaveLength(30);
    expect(days.reduce((sum, d) => sum + d.success, 0)).toBe(10); // the five of 28 February included
  });

  it("is all zeros for a tenant without data, for the longest range allowed", async () => {
    const { actor } = await createTenantWithOwner();
    const { filters } = parseOverviewFilters({ from: "2000-01-01", to: "2026-03-07" });
    const overview = await getOverview(actor, filters);
    expect(overview.claimsPerDay).toHaveLength(366);
    expect(
      overview.claimsPerDay.every((d) =>
        Object.values(d)
          .slice(1)
          .every((n) => n === 0),
      ),
    ).toBe(true);
    expect(overview.vendorOutcomes).toEqual({ top: [], others: null });
    expect(overview.failureReasons).toEqual({ total: 0, reasons: [] });
    expect(overview.ruleFailures).toEqual({ judged: 0, failed: 0, rules: [] });
    expect(overview.creditsPerWeek.every((w) => w.credits === 0)).toBe(true);
    expect(Object.values(overview.pending).every((n) => n === 0)).toBe(true);
  });
});
