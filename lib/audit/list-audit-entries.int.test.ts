import { describe, expect, it } from "vitest";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { appendAuditEntry } from "./append-audit-entry";
import { auditCsvLine } from "./format-audit-export";
import { eachAuditEntry } from "./each-audit-entry";
import { listAuditEntries } from "./list-audit-entries";

async function tenantWith(count: number) {
  const { actor, tenant } = await createTenantWithOwner();
  for (let i = 1; i <= count; i++) {
    await appendAuditEntry({
      tenantId: tenant.id,
      actorEmail: i % 2 ? "odd@example.test" : "even@example.test",
      action: i % 3 ? "member.added" : "secret.set",
      targetType: "thing",
      targetId: `t-${i}`,
    });
  }
  return actor;
}

describe("listAuditEntries", () => {
  it("pages newest first by keyset, forwards and back, without gaps or repeats", async () => {
    const actor = await tenantWith(24); // plus tenant.created: 25 entries
    const first = await listAuditEntries(actor, {}, { limit: 10 });
    expect(first.rows.map((r) => r.seq)).toEqual([25, 24, 23, 22, 21, 20, 19, 18, 17, 16]);
    expect(first.newerCursor).toBeNull();
    const second = await listAuditEntries(actor, {}, { before: first.olderCursor!, limit: 10 });
    expect(second.rows.map((r) => r.seq)).toEqual([15, 14, 13, 12, 11, 10, 9, 8, 7, 6]);
    const third = await listAuditEntries(actor, {}, { before: second.olderCursor!, limit: 10 });
    expect(third.rows.map((r) => r.seq)).toEqual([5, 4, 3, 2, 1]);
    expect(third.olderCursor).toBeNull();
    const back = await listAuditEntries(actor, {}, { after: third.newerCursor!, limit: 10 });
    expect(back.rows.map((r) => r.seq)).toEqual(second.rows.map((r) => r.seq));
    const all: number[] = [];
    for await (const row of eachAuditEntry(actor, {}, 7)) all.push(row.seq);
    expect(all).toEqual(Array.from({ length: 25 }, (_, i) => 25 - i));
  });

  it("filters by actor, action prefix, target and dates, and only within the tenant", async () => {
    const actor = await tenantWith(12);
    await tenantWith(12);
    const byActor = await listAuditEntries(actor, { actor: "EVEN@" });
    expect(byActor.rows).toHaveLength(6);
    const byAction = await listAuditEntries(actor, { action: "secret." });
    expect(byAction.rows.map((r) => r.targetId)).toEqual(["t-12", "t-9", "t-6", "t-3"]);
    expect((await listAuditEntries(actor, { target: "t-1" })).rows.map((r) => r.targetId).sort()).toEqual([
      "t-1",
      "t-10",
      "t-11",
      "t-12",
    ]);
    const today = new Date().toISOString().slice(0, 10);
    expect((await listAuditEntries(actor, { from: today, to: today })).rows).toHaveLength(13);
    expect((await listAuditEntries(actor, { to: "2020-01-01" })).rows).toHaveLength(0);
  });

  it("exports CSV cells that a spreadsheet cannot run as formulas", async () => {
    const line = auditCsvLine({
      seq: 1,
      createdAt: new Date(0),
      actorEmail: '=HYPERLINK("x")',
      action: "a",
      targetType: null,
      targetId: "@SUM(1)",
      details: { a: 1 },
      ip: null,
      prevHash: "p",
      hash: "h",
    });
    expect(line).toBe(
      `"1","1970-01-01T00:00:00.000Z","'=HYPERLINK(""x"")","a","","'@SUM(1)","{""a"":1}","","p","h"\n`,
    );
  });
});
