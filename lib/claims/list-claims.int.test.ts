import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/client";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { decodeCursor, listClaims } from "./list-claims";

describe("listClaims", () => {
  it("pages by keyset through every claim once, ties on time included, and only the tenant's own", async () => {
    const { actor } = await createTenantWithOwner();
    const other = await createTenantWithOwner();
    const base = Date.now();
    const data = Array.from({ length: 23 }, (_, i) => ({
      tenantId: actor.tenantId,
      certId: crypto.randomBytes(20).toString("hex"),
      certUrl: "x",
      status: "claimed" as const,
      outcome: i % 3 ? ("success" as const) : ("failure" as const),
      createdAt: new Date(base - Math.floor(i / 4) * 1000), // groups of four claims share a timestamp
    }));
    await systemDb.claim.createMany({ data });
    await systemDb.claim.createMany({
      data: data.slice(0, 5).map((row) => ({ ...row, tenantId: other.tenant.id })),
    });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listClaims>> = await listClaims(
        actor,
        {},
        decodeCursor(cursor ?? undefined),
        5,
      );
      seen.push(...page.rows.map((row) => row.certId));
      cursor = page.next;
    } while (cursor);
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    expect(new Set(seen)).toEqual(new Set(data.map((row) => row.certId)));

    const failures = await listClaims(actor, { outcome: "failure" }, null, 50);
    expect(failures.rows).toHaveLength(8);
    expect(decodeCursor("not-a-cursor")).toBeNull();
  });
});
