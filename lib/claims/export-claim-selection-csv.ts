// The CSV of a selection on the claims list: the rows a member ticked (up to MAX_SELECTION_EXPORT ids), or every
// claim to review matching the filter (the same selection model as bulk decisions, decide-claims.ts: "all N
// matching" means the claims still to review, worked out on the server). The file name and its first lines name
// what produced it: the selection, the filter, the saved view. Streamed page by page (keyset), audited first.
import { z } from "zod";
import { afterCursor, NEWEST_FIRST, type KeysetCursor } from "@/lib/core/keyset";
import { type Download, streamOfLines } from "@/lib/core/download";
import { isUuid } from "@/lib/core/ids";
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { csvCell } from "@/lib/text/csv-cell";
import { getSavedView } from "@/lib/views/get-saved-view";
import { claimFilters, claimWhere, describeFilters, UNREVIEWED } from "./claim-filters";
import { CLAIM_CSV_HEADER, formatClaimCsvLine } from "./format-claim-csv-line";
import { claimRowSelect } from "./list-claims";
import { exportSlug } from "./export-slug";

export const MAX_SELECTION_EXPORT = 1000;
const PAGE = 1000;

export const claimSelectionInput = z
  .object({
    ids: z
      .array(z.string().max(64))
      .max(MAX_SELECTION_EXPORT, "Export at most 1,000 selected claims, or all matching the filter.")
      .optional(),
    /** The claims page's filters, as in its URL; with `allMatching`, the selection is every claim to review matching. */
    filter: z.record(z.string().max(64), z.string().max(300)).default({}),
    allMatching: z.boolean().default(false),
    view: z.string().max(64).optional(),
  })
  .refine((input) => input.allMatching || (input.ids?.length ?? 0) > 0, {
    message: "Select at least one claim to export.",
  })
  .refine((input) => !(input.allMatching && input.ids?.length), {
    message: "Export either the selected claims or all matching the filter.",
  });

export async function exportClaimSelectionCsv(
  context: TenantContext,
  input: z.input<typeof claimSelectionInput>,
): Promise<Download> {
  const checked = claimSelectionInput.safeParse(input);
  if (!checked.success) throw new UserFacingError(checked.error.issues[0]?.message ?? "Check the selection.");
  const { ids, filter, allMatching } = checked.data;
  const parsed = claimFilters.safeParse(Object.fromEntries(Object.entries(filter).filter(([, v]) => v)));
  if (!parsed.success) throw new UserFacingError(parsed.error.issues[0]?.message ?? "Check the filters.");
  const filters = parsed.data;
  const view = checked.data.view ? await getSavedView(context, checked.data.view) : null;
  const selectedIds = [...new Set((ids ?? []).map((id) => id.toLowerCase()).filter(isUuid))];
  if (!allMatching && selectedIds.length === 0)
    throw new UserFacingError("Select at least one claim to export.");
  // Selected rows are read within the tenant (another tenant's id is simply absent) and still within the filter the
  // page showed, so the file says truthfully which filter produced it.
  const where = allMatching
    ? { AND: [claimWhere(filters), UNREVIEWED] }
    : { AND: [claimWhere(filters), { id: { in: selectedIds } }] };
  const count = await context.db.claim.count({ where });
  const filterWords = describeFilters(filters);
  const selection = allMatching ? `all-to-review` : `${count}-selected`;
  const named = view ? `view-${exportSlug(view.name)}` : exportSlug(filterWords);
  const exportedAt = new Date();
  await context.audit(
    "claims.exported",
    { type: "claims" },
    {
      filters,
      selection: allMatching ? { allMatching: true, count } : { ids: selectedIds.length, count },
      ...(view ? { view: { id: view.id, name: view.name } } : {}),
    },
  );
  const preamble =
    [
      `# Certdesk claims: ${allMatching ? `all ${count} claims to review matching the filter` : `${count} selected claims`}`,
      `# Filter: ${filterWords}${view ? `; saved view: ${view.name}` : ""}`,
      `# Exported ${exportedAt.toISOString()}`,
    ]
      .map(csvCell)
      .join("\n") + "\n";
  let cursor: KeysetCursor | null = null;
  let done = count === 0;
  return {
    filename: `certdesk-claims-${selection}-${named}-${exportedAt.toISOString().slice(0, 10)}.csv`,
    contentType: "text/csv; charset=utf-8",
    body: streamOfLines(preamble + CLAIM_CSV_HEADER, async () => {
      if (done) return null;
      const rows = await context.db.claim.findMany({
        where: { AND: [where, afterCursor(cursor)] },
        orderBy: NEWEST_FIRST,
        take: PAGE,
        select: claimRowSelect,
      });
      if (rows.length < PAGE) done = true;
      const last = rows[rows.length - 1];
      if (last) cursor = { createdAt: last.createdAt.toISOString(), id: last.id };
      return rows.map(formatClaimCsvLine).join("");
    }),
  };
}
