// The CSV of the tenant's filtered claims, streamed page by page (1,000 claims a page, keyset), so that a large
// export never sits in memory. The export is audited ("claims.exported", with its filters) before the first byte.
import { type Download, streamOfLines } from "@/lib/core/download";
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { getSavedView } from "@/lib/views/get-saved-view";
import { claimFilters, describeFilters } from "./claim-filters";
import { CLAIM_CSV_HEADER, formatClaimCsvLine } from "./format-claim-csv-line";
import { listClaims, type ClaimCursor } from "./list-claims";

/** A file-name-safe slug: letters, digits and dashes, at most 80 characters. */
function slug(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 80)
      .toLowerCase() || "view"
  );
}

/**
 * `query`: the filters as the claims page writes them in its URL; empty values are ignored. `view` (a saved view's
 * id, the member's own) names the file after that view; otherwise the file is named after the filters.
 */
export async function exportClaimsCsv(context: TenantContext, query: URLSearchParams): Promise<Download> {
  const parsed = claimFilters.safeParse(Object.fromEntries([...query].filter(([, value]) => value)));
  if (!parsed.success) throw new UserFacingError(parsed.error.issues[0]?.message ?? "Check the filters.");
  const filters = parsed.data;
  const view = query.get("view") ? await getSavedView(context, query.get("view")!) : null;
  const named = view ? `view-${slug(view.name)}` : slug(describeFilters(filters));
  // The target is the filtered set, which has no one id.
  await context.audit(
    "claims.exported",
    { type: "claims" },
    { filters, ...(view ? { view: { id: view.id, name: view.name } } : {}) },
  );
  let cursor: ClaimCursor | null = null;
  let done = false;
  return {
    filename: `certdesk-claims-${named}-${new Date().toISOString().slice(0, 10)}.csv`,
    contentType: "text/csv; charset=utf-8",
    body: streamOfLines(CLAIM_CSV_HEADER, async () => {
      if (done) return null;
      const page = await listClaims(context, filters, cursor, 1000);
      if (!page.next) done = true;
      else {
        const last = page.rows[page.rows.length - 1]!;
        cursor = { createdAt: last.createdAt.toISOString(), id: last.id };
      }
      return page.rows.map(formatClaimCsvLine).join("");
    }),
  };
}
