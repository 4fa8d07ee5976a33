// The filters of the claims review table and its CSV export, from the query string, and the where clause they make.
// A refused value is named in words (the page shows it above the table; the export answers 400 with it).
import { z } from "zod";
import { storedApiVersion } from "./v4/trustedform-api-version";

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Dates are written YYYY-MM-DD.");
const flag = <const T extends string>(value: T, message: string) => z.enum([value], { message }).optional();

export const claimFilterFields = z.object({
  outcome: z
    .enum(["success", "failure", "error", "unknown"], {
      message: "The outcome filter is success, failure, error or unknown.",
    })
    .optional(),
  vendor: z.string().trim().max(200, "A vendor name is at most 200 characters.").optional(),
  batch: z.uuid({ message: "That batch id is not valid." }).optional(),
  warnings: flag("yes", "The warnings filter is yes or left out."),
  // The lead match failed: 3.0's fingerprint mismatch and 4.0's match_lead (`fingerprintMatch` holds both).
  match: flag("failed", "The lead match filter is failed or left out."),
  // Links written before 4.0 say mismatch=yes; it reads as match=failed.
  mismatch: flag("yes", "The mismatch filter is yes or left out."),
  forbidden: flag("yes", "The forbidden filter is yes or left out."),
  // 4.0 facts: Insights' bot_detected, Verify's one_to_one and language_approved.
  bot: flag("yes", "The bot detected filter is yes or left out."),
  oneToOne: flag("no", "The 1:1 consent filter is no or left out."),
  language: flag("unapproved", "The consent language filter is unapproved or left out."),
  // The reviewer's decision: only a claimed certificate is reviewed, so "unreviewed" means claimed and undecided.
  review: z
    .enum(["unreviewed", "accepted", "rejected"], {
      message: "The review filter is unreviewed, accepted or rejected.",
    })
    .optional(),
  verdict: z.enum(["pass", "fail"], { message: "The verdict filter is pass or fail." }).optional(),
  version: z.enum(["3.0", "4.0"], { message: "The API version filter is 3.0 or 4.0." }).optional(),
  from: day.optional(),
  to: day.optional(),
});

/** The names the claims page and the export read from the query string. */
export const CLAIM_FILTER_NAMES = Object.keys(claimFilterFields.shape) as Array<
  keyof typeof claimFilterFields.shape
>;

export const claimFilters = claimFilterFields.transform(({ mismatch, ...filters }) =>
  mismatch && !filters.match ? { ...filters, match: "failed" as const } : filters,
);
export type ClaimFilters = z.output<typeof claimFilters>;

/** Claims still to review: claimed, and neither accepted nor rejected. */
export const UNREVIEWED = { status: "claimed" as const, decision: null };

/** Words naming a filter set, for a file name: "review-unreviewed_verdict-fail", or "all". */
export function describeFilters(filters: ClaimFilters): string {
  const parts = Object.entries(filters)
    .filter(([, value]) => value)
    .map(([name, value]) => `${name}-${String(value)}`);
  return parts.length ? parts.join("_") : "all";
}

export function claimWhere(filters: ClaimFilters) {
  const and: object[] = [];
  if (filters.outcome === "success" || filters.outcome === "failure") and.push({ outcome: filters.outcome });
  if (filters.outcome === "error") and.push({ status: "failed" });
  if (filters.outcome === "unknown") and.push({ status: { in: ["unknown", "sending"] } });
  if (filters.vendor) and.push({ vendor: filters.vendor });
  if (filters.batch) and.push({ batchId: filters.batch });
  if (filters.warnings) and.push({ hasWarnings: true });
  if (filters.match) and.push({ fingerprintMatch: false });
  if (filters.forbidden) and.push({ forbiddenFound: { gt: 0 } });
  if (filters.bot) and.push({ botDetected: true });
  if (filters.oneToOne) and.push({ oneToOne: false });
  if (filters.language) and.push({ languageApproved: false });
  if (filters.review === "unreviewed") and.push(UNREVIEWED);
  if (filters.review === "accepted" || filters.review === "rejected") and.push({ decision: filters.review });
  if (filters.verdict) and.push({ verdict: filters.verdict });
  if (filters.version) and.push({ apiVersion: storedApiVersion(filters.version) });
  if (filters.from) and.push({ createdAt: { gte: new Date(`${filters.from}T00:00:00Z`) } });
  if (filters.to)
    and.push({ createdAt: { lt: new Date(Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000) } });
  return and.length ? { AND: and } : {};
}
