import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Prisma } from "@/generated/prisma/client";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { systemDb } from "@/lib/db/client";
import { LocalEvidenceStore } from "@/lib/evidence/evidence-store";
import { addUserToTenant, createTenantWithOwner } from "@/scripts/test/factories";
import { countDecidableClaims } from "./count-decidable-claims";
import { countUnreviewedClaims } from "./count-unreviewed-claims";
import { decideClaims } from "./decide-claims";
import { findReviewNeighbours } from "./find-review-neighbours";
import { decodeQueueCursor, listReviewQueue } from "./list-review-queue";

const store = new LocalEvidenceStore(fs.mkdtempSync(path.join(os.tmpdir(), "certdesk-decisions-")));
afterAll(() => fs.rmSync(store.root, { recursive: true, force: true }));

async function seed(
  tenantId: string,
  count: number,
  row: Partial<Prisma.ClaimCreateManyInput> = {},
  start = Date.now(),
): Promise<string[]> {
  const data = Array.from({ length: count }, (_, i) => ({
    tenantId,
    certId: crypto.randomBytes(20).toString("hex"),
    certUrl: "https://cert.trustedform.com/x",
    status: "claimed" as const,
    outcome: "success" as const,
    createdAt: new Date(start - i * 1000),
    ...row,
  }));
  await systemDb.claim.createMany({ data });
  const rows = await systemDb.claim.findMany({
    where: { tenantId, certId: { in: data.map((d) => d.certId) } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
  return rows.map((r) => r.id);
}

const refusal = async (work: Promise<unknown>) => {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserFacingError);
  return (error as Error).message;
};

describe("decideClaims", () => {
  it("decides every claim to review that the filter matches, on the server, and only the tenant's own", async () => {
    const { tenant, actor } = await createTenantWithOwner();
    const other = await createTenantWithOwner();
    await seed(tenant.id, 620, { vendor: "Acme" }); // more than one batch
    await seed(tenant.id, 5, { vendor: "Other Vendor" });
    await seed(tenant.id, 3, { vendor: "Acme", status: "failed", outcome: null }); // never reviewable
    await seed(tenant.id, 2, { vendor: "Acme", decision: "rejected", decisionReason: "earlier" });
    await seed(other.tenant.id, 50, { vendor: "Acme" });

    expect(await countDecidableClaims(actor, { vendor: "Acme" })).toBe(620);
    const { decided } = await decideClaims(actor, {
      filter: { vendor: "Acme", bogus: "ignored" },
      decision: "accepted",
    });
    expect(decided).toBe(620);
    expect(await systemDb.claim.count({ where: { tenantId: tenant.id, decision: "accepted" } })).toBe(620);
    // Earlier decisions stand; the other vendor and the other tenant are untouched.
    expect(await systemDb.claim.count({ where: { tenantId: tenant.id, decision: "rejected" } })).toBe(2);
    expect(await countUnreviewedClaims(actor)).toBe(5);
    expect(
      await systemDb.claim.count({ where: { tenantId: other.tenant.id, decision: { not: null } } }),
    ).toBe(0);
    const entries = await systemDb.auditEntry.count({
      where: {
        tenantId: tenant.id,
        action: "claim.accepted",
        actorEmail: actor.actor.kind === "member" ? actor.actor.email : "",
      },
    });
    expect(entries).toBe(620);
    expect(
      await systemDb.auditEntry.count({ where: { tenantId: tenant.id, action: "claims.decided" } }),
    ).toBe(1);
  });

  it("never decides another tenant's ids, nor ids that are not ids", async () => {
    const { tenant, actor } = await createTenantWithOwner();
    const other = await createTenantWithOwner();
    const mine = await seed(tenant.id, 2);
    const theirs = await seed(other.tenant.id, 3);
    const { decided } = await decideClaims(actor, {
      ids: [...theirs, mine[0]!, '\'; drop table "Claim"; --', "0", mine[0]!],
      decision: "rejected",
      reason: "Duplicate lead",
    });
    expect(decided).toBe(1);
    expect(await systemDb.claim.count({ where: { id: { in: theirs }, decision: { not: null } } })).toBe(0);
    expect(await systemDb.claim.findUnique({ where: { id: mine[0]! } })).toMatchObject({
      decision: "rejected",
      decisionReason: "Duplicate lead",
    });
  });

  it("refuses to accept claims failing their policy without a reason, deciding none; with one it accepts", async () => {
    const { tenant, actor } = await createTenantWithOwner();
    await seed(tenant.id, 10, { vendor: "Mixed", verdict: "pass" });
    await seed(tenant.id, 2, { vendor: "Mixed", verdict: "fail" });
    expect(await refusal(decideClaims(actor, { filter: { vendor: "Mixed" }, decision: "accepted" }))).toMatch(
      /2 of these claims fail their policy/,
    );
    expect(await systemDb.claim.count({ where: { tenantId: tenant.id, decision: { not: null } } })).toBe(0);
    expect(await refusal(decideClaims(actor, { filter: { vendor: "Mixed" }, decision: "rejected" }))).toMatch(
      /Say why/,
    );
    expect(
      await refusal(
        decideClaims(actor, { filter: { verdict: "maybe" }, decision: "rejected", reason: "abc" }),
      ),
    ).toMatch(/verdict filter/);
    expect(
      await refusal(decideClaims(actor, { ids: [], filter: {}, decision: "rejected", reason: "abcd" })),
    ).toMatch(/either/);
    expect(
      await refusal(
        decideClaims(actor, {
          ids: Array.from({ length: 1001 }, () => crypto.randomUUID()),
          decision: "rejected",
          reason: "abcd",
        }),
      ),
    ).toMatch(/at most 1,000/);
    const { decided } = await decideClaims(actor, {
      filter: { vendor: "Mixed" },
      decision: "accepted",
      reason: "Vendor's consent page checked by hand",
    });
    expect(decided).toBe(12);
    const against = await systemDb.auditEntry.findMany({
      where: { tenantId: tenant.id, action: "claim.accepted" },
      select: { details: true },
    });
    expect(against.filter((e) => (e.details as { againstVerdict?: boolean }).againstVerdict)).toHaveLength(2);
  });

  it("is a person's work: a system context (a worker) cannot decide", async () => {
    const { tenant } = await createTenantWithOwner();
    const { openTenantContext } = await import("@/lib/tenancy/open-tenant-context");
    const system = openTenantContext(tenant.id, { kind: "system", name: "worker" });
    await expect(decideClaims(system, { filter: {}, decision: "accepted" })).rejects.toThrow(
      /signed-in member/,
    );
  });

  it("keeps the audit chain valid after 1,000 decisions among single appends", async () => {
    const { tenant, actor } = await createTenantWithOwner();
    const { actor: reviewer } = await addUserToTenant(tenant.id, "reviewer");
    await seed(tenant.id, 1000, { vendor: "Bulk" });
    await actor.audit("test.before", null, {});
    expect((await decideClaims(reviewer, { filter: { vendor: "Bulk" }, decision: "accepted" })).decided).toBe(
      1000,
    );
    await actor.audit("test.after", null, {});
    const verdict = await verifyAuditChain(tenant.id, { store });
    expect(verdict).toMatchObject({ intact: true });
    expect(await systemDb.auditEntry.count({ where: { tenantId: tenant.id } })).toBeGreaterThan(1002);
  });
});

describe("the review queue", () => {
  it("lists failing claims first with their rules' words, and walks next/previous through it", async () => {
    const { tenant, actor } = await createTenantWithOwner();
    const other = await createTenantWithOwner();
    const base = Date.now();
    const passing = await seed(tenant.id, 3, { verdict: "pass" }, base);
    const failing = await seed(
      tenant.id,
      2,
      {
        verdict: "fail",
        verdictRules: [
          { passed: false, known: true, words: "Bot detected: yes — failed" },
          { passed: true, known: true, words: "1:1 consent: yes — passed" },
          "not a rule",
        ],
      },
      base - 60_000,
    );
    await seed(tenant.id, 1, { decision: "accepted" }, base + 5000);
    await seed(other.tenant.id, 4, { verdict: "fail" }, base + 9000);

    const queue = await listReviewQueue(actor, null, 4);
    expect(queue).toMatchObject({ total: 5, failing: 2 });
    expect(queue.rows.map((r) => r.id)).toEqual([...failing, ...passing.slice(0, 2)]);
    expect(queue.rows[0]!.failedRules).toEqual(["Bot detected: yes — failed"]);
    const second = await listReviewQueue(actor, decodeQueueCursor(queue.next!), 4);
    expect(second.rows.map((r) => r.id)).toEqual([passing[2]]);
    expect(second.next).toBeNull();
    // A page that ends on the failing group's last claim goes on with the rest; one that ends inside a group, in it.
    const failingOnly = await listReviewQueue(actor, null, 2);
    expect(failingOnly.rows.map((r) => r.id)).toEqual(failing);
    expect(
      (await listReviewQueue(actor, decodeQueueCursor(failingOnly.next!), 2)).rows.map((r) => r.id),
    ).toEqual(passing.slice(0, 2));
    const one = await listReviewQueue(actor, null, 1);
    expect((await listReviewQueue(actor, decodeQueueCursor(one.next!), 3)).rows.map((r) => r.id)).toEqual([
      failing[1],
      ...passing.slice(0, 2),
    ]);
    // The cursor keeps its place while the queue shrinks: deciding the first page does not skip the next claims.
    await decideClaims(actor, { ids: failing, decision: "rejected", reason: "bots" });
    expect(
      (await listReviewQueue(actor, decodeQueueCursor(failingOnly.next!), 2)).rows.map((r) => r.id),
    ).toEqual(passing.slice(0, 2));
    await systemDb.claim.updateMany({
      where: { id: { in: failing } },
      data: { decision: null, decisionReason: null, decidedAt: null, decidedByEmail: null },
    });
    // A cursor that is not one reads as the start of the queue.
    for (const bad of [
      "",
      "x",
      "f.",
      "q.abc",
      `f.${Buffer.from("2026-01-01T00:00:00Z|nope").toString("base64url")}`,
    ])
      expect(decodeQueueCursor(bad)).toBeNull();

    const order = [...failing, ...passing];
    for (let i = 0; i < order.length; i++) {
      const around = await findReviewNeighbours(actor, order[i]!);
      expect(around).toEqual({ next: order[i + 1] ?? null, previous: order[i - 1] ?? null });
    }
    // Another tenant's claim, or nonsense, leads to the start of this tenant's queue.
    const theirs = (await systemDb.claim.findFirst({ where: { tenantId: other.tenant.id } }))!.id;
    expect(await findReviewNeighbours(actor, theirs)).toEqual({ next: failing[0], previous: null });
    expect(await findReviewNeighbours(actor, "x")).toEqual({ next: failing[0], previous: null });
  });
});

describe("bounded counts", () => {
  it("stop past 10,000 for the page, while deciding all matching still decides every claim", async () => {
    const { tenant, actor } = await createTenantWithOwner();
    // In chunks: one createMany of 10,050 rows is past PostgreSQL's 65,535 parameters, and Prisma's split of it
    // overlaps queries on one connection.
    for (let i = 0; i < 5; i++) await seed(tenant.id, 2010, { vendor: "Many" }, Date.now() - i * 2010 * 1000);
    await seed(tenant.id, 3, { vendor: "Many", verdict: "fail" });
    expect(await countUnreviewedClaims(actor)).toBe(10_001);
    expect(await countDecidableClaims(actor, { vendor: "Many" })).toBe(10_001);
    expect(await countDecidableClaims(actor, { vendor: "Many", verdict: "fail" })).toBe(3);
    const queue = await listReviewQueue(actor);
    expect(queue).toMatchObject({ total: 10_001, failing: 3 });
    expect(queue.rows).toHaveLength(50);
    expect(
      await decideClaims(actor, { filter: { vendor: "Many" }, decision: "accepted", reason: "ok" }),
    ).toEqual({
      decided: 10_053,
    });
    expect(await countUnreviewedClaims(actor)).toBe(0);
  }, 180_000);
});
