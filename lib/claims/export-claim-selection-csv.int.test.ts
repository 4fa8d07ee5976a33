// The CSV of a selection on the claims list: ticked ids (own tenant only, within the page's filter) or every claim to
// review matching the filter; the file name and first lines say what produced it; audited; capped with words.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { systemDb } from "@/lib/db/client";
import { saveSavedView } from "@/lib/views/save-saved-view";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { exportClaimSelectionCsv } from "./export-claim-selection-csv";

async function readText(stream: ReadableStream<Uint8Array>) {
  return new Response(stream).text();
}

async function seed(tenantId: string, vendor: string, references: string[], extra: object = {}) {
  const rows = references.map((reference, i) => ({
    tenantId,
    certId: crypto.randomBytes(20).toString("hex"),
    certUrl: "x",
    vendor,
    reference,
    status: "claimed" as const,
    outcome: "success" as const,
    createdAt: new Date(Date.now() - i * 1000),
    ...extra,
  }));
  await systemDb.claim.createMany({ data: rows });
  return systemDb.claim.findMany({
    where: { tenantId, reference: { in: references } },
    orderBy: { reference: "asc" },
  });
}

describe("exportClaimSelectionCsv", () => {
  it("exports the ticked claims of the tenant, named after the selection and filter, and audits it", async () => {
    const { actor, tenant } = await createTenantWithOwner();
    const other = await createTenantWithOwner();
    const mine = await seed(tenant.id, "Acme", ["a1", "a2", "a3"]);
    const theirs = await seed(other.tenant.id, "Acme", ["b1"]);
    const download = await exportClaimSelectionCsv(actor, {
      ids: [mine[0]!.id, mine[2]!.id.toUpperCase(), theirs[0]!.id, "not-an-id"],
      filter: { vendor: "Acme" },
    });
    expect(download.filename).toMatch(/^certdesk-claims-2-selected-vendor-acme-\d{4}-\d\d-\d\d\.csv$/);
    const lines = (await readText(download.body)).trim().split("\n");
    expect(lines.slice(0, 2)).toEqual(['"# Certdesk claims: 2 selected claims"', '"# Filter: vendor-Acme"']);
    expect(lines[2]).toMatch(/^"# Exported \d{4}-/);
    expect(lines[3]).toMatch(/^claim_id,/);
    expect(lines.slice(4).map((line) => line.split(",")[0])).toEqual([
      `"${mine[0]!.id}"`,
      `"${mine[2]!.id}"`,
    ]);
    const audit = await systemDb.auditEntry.findFirstOrThrow({
      where: { tenantId: tenant.id, action: "claims.exported" },
    });
    expect(audit.details).toEqual({ filters: { vendor: "Acme" }, selection: { ids: 3, count: 2 } });
  });

  it("keeps ticked ids within the page's filter, and names the saved view", async () => {
    const { actor, tenant } = await createTenantWithOwner();
    const acme = await seed(tenant.id, "Acme", ["a1"]);
    const globex = await seed(tenant.id, "Globex", ["g1"]);
    const view = await saveSavedView(actor, { name: "Acme's claims", query: "vendor=Acme" });
    const download = await exportClaimSelectionCsv(actor, {
      ids: [acme[0]!.id, globex[0]!.id],
      filter: { vendor: "Acme" },
      view: view.id,
    });
    expect(download.filename).toMatch(/^certdesk-claims-1-selected-view-acme-s-claims-/);
    const text = await readText(download.body);
    expect(text).toContain('"# Filter: vendor-Acme; saved view: Acme\'s claims"');
    expect(text).toContain(acme[0]!.id);
    expect(text).not.toContain(globex[0]!.id);
  });

  it("exports all claims to review matching the filter, the same set bulk decisions decide", async () => {
    const { actor, tenant } = await createTenantWithOwner();
    await seed(tenant.id, "Acme", ["u1", "u2"]);
    await seed(tenant.id, "Acme", ["decided"], { decision: "accepted" });
    await seed(tenant.id, "Acme", ["failed"], { status: "failed", outcome: null });
    await seed(tenant.id, "Globex", ["g1"]);
    const download = await exportClaimSelectionCsv(actor, { allMatching: true, filter: { vendor: "Acme" } });
    expect(download.filename).toMatch(/^certdesk-claims-all-to-review-vendor-acme-/);
    const lines = (await readText(download.body)).trim().split("\n");
    expect(lines[0]).toBe('"# Certdesk claims: all 2 claims to review matching the filter"');
    expect(
      lines
        .slice(4)
        .map((line) => line.split(",")[3])
        .sort(),
    ).toEqual(['"u1"', '"u2"']);
  });

  it("streams a selection of 1,500 claims to review in pages, every row once", async () => {
    const { actor, tenant } = await createTenantWithOwner();
    await seed(
      tenant.id,
      "Bulk",
      Array.from({ length: 1500 }, (_, i) => `r${i}`),
    );
    const download = await exportClaimSelectionCsv(actor, { allMatching: true, filter: {} });
    const rows = (await readText(download.body)).trim().split("\n").slice(4);
    expect(rows).toHaveLength(1500);
    expect(new Set(rows.map((line) => line.split(",")[0])).size).toBe(1500);
  });

  it("refuses an empty, oversized, ambiguous or ill-filtered selection in words", async () => {
    const { actor } = await createTenantWithOwner();
    const refused = async (input: Parameters<typeof exportClaimSelectionCsv>[1]) =>
      exportClaimSelectionCsv(actor, input).then(
        () => null,
        (error: unknown) => (error instanceof UserFacingError ? error.message : String(error)),
      );
    expect(await refused({ ids: [] })).toBe("Select at least one claim to export.");
    expect(await refused({ ids: ["nonsense"] })).toBe("Select at least one claim to export.");
    expect(await refused({ ids: Array.from({ length: 1001 }, () => crypto.randomUUID()) })).toMatch(
      /at most 1,000/,
    );
    expect(await refused({ ids: [crypto.randomUUID()], allMatching: true })).toMatch(/either the selected/);
    expect(await refused({ allMatching: true, filter: { bot: "=1+1" } })).toMatch(/bot detected filter/);
  });
});
