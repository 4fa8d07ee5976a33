// A saved view's name and the claims page query it stands for (only the claims filters are kept: claim-filters.ts).
import { z } from "zod";
import { CLAIM_FILTER_NAMES, claimFilters } from "@/lib/claims/claim-filters";

export const savedViewInput = z.object({
  name: z.string().trim().min(1, "Name the view.").max(80, "A view's name is at most 80 characters."),
  query: z.string().max(2000, "That filter set is too long to save."),
});

/** The filters of a query string, checked, written back as a query string in a fixed order. */
export function normalisedViewQuery(query: string): string {
  const params = new URLSearchParams(query.replace(/^\?/, ""));
  const raw = Object.fromEntries(CLAIM_FILTER_NAMES.map((name) => [name, params.get(name) || undefined]));
  const parsed = claimFilters.safeParse(raw);
  if (!parsed.success) throw new Error(parsed.error.issues[0]?.message ?? "Check the filters.");
  const out = new URLSearchParams();
  for (const [name, value] of Object.entries(parsed.data)) if (value) out.set(name, String(value));
  return out.toString();
}
