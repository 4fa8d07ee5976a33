import { describe, expect, it } from "vitest";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { systemDb } from "@/lib/db/client";
import { addUserToTenant, createTenantWithOwner } from "@/scripts/test/factories";
import { exportClaimsCsv } from "@/lib/claims/export-claims-csv";
import { deleteSavedView } from "./delete-saved-view";
import { getSavedView } from "./get-saved-view";
import { listSavedViews } from "./list-saved-views";
import { saveSavedView } from "./save-saved-view";

describe("saved views", () => {
  it("are each member's own: another member's or tenant's views are invisible and cannot be deleted", async () => {
    const { tenant, actor } = await createTenantWithOwner();
    const { actor: colleague } = await addUserToTenant(tenant.id, "reviewer");
    const other = await createTenantWithOwner();

    const { id } = await saveSavedView(actor, { name: "Failing bots", query: "bot=yes&verdict=fail&junk=1" });
    await saveSavedView(colleague, { name: "Failing bots", query: "review=unreviewed" });
    await saveSavedView(other.actor, { name: "Theirs", query: "" });

    expect(await listSavedViews(actor)).toEqual([
      { id, name: "Failing bots", query: "bot=yes&verdict=fail" },
    ]);
    expect((await listSavedViews(colleague)).map((v) => v.query)).toEqual(["review=unreviewed"]);
    expect(await getSavedView(colleague, id)).toBeNull();
    expect(await getSavedView(other.actor, id)).toBeNull();
    await expect(deleteSavedView(colleague, id)).rejects.toBeInstanceOf(UserFacingError);
    await expect(deleteSavedView(other.actor, id)).rejects.toBeInstanceOf(UserFacingError);
    expect(await systemDb.savedView.count({ where: { id } })).toBe(1);

    // The same name again replaces the filters.
    expect((await saveSavedView(actor, { name: "Failing bots", query: "verdict=fail" })).id).toBe(id);
    expect((await listSavedViews(actor))[0]!.query).toBe("verdict=fail");

    // The export is named after the view (only the member's own); otherwise after the filters.
    const named = await exportClaimsCsv(actor, new URLSearchParams(`verdict=fail&view=${id}`));
    expect(named.filename).toMatch(/^certdesk-claims-view-failing-bots-\d{4}-\d{2}-\d{2}\.csv$/);
    const theirs = await exportClaimsCsv(colleague, new URLSearchParams(`verdict=fail&view=${id}`));
    expect(theirs.filename).toMatch(/^certdesk-claims-verdict-fail-\d{4}-\d{2}-\d{2}\.csv$/);
    await named.body.cancel();
    await theirs.body.cancel();

    await deleteSavedView(actor, id);
    expect(await listSavedViews(actor)).toEqual([]);
  });

  it("refuses hostile input: bad filters, long names, and too many views", async () => {
    const { actor } = await createTenantWithOwner();
    await expect(saveSavedView(actor, { name: "x", query: "outcome=<script>" })).rejects.toThrow(
      /outcome filter/,
    );
    await expect(saveSavedView(actor, { name: "  ", query: "" })).rejects.toThrow(/Name the view/);
    await expect(saveSavedView(actor, { name: "n".repeat(81), query: "" })).rejects.toThrow(/at most 80/);
    await expect(saveSavedView(actor, { name: "big", query: "a".repeat(2001) })).rejects.toThrow(/too long/);
    for (let i = 0; i < 50; i++) await saveSavedView(actor, { name: `view ${i}`, query: "" });
    await expect(saveSavedView(actor, { name: "one more", query: "" })).rejects.toThrow(/delete one first/);
    await expect(deleteSavedView(actor, "not-an-id")).rejects.toThrow(/not found/);
  });
});
