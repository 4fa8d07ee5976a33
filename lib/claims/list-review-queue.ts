// The reviewer's queue: claims still to review, those failing their policy's rules first (with the rules' words),
// then the rest; newest first within each. Paged by position (the queue shrinks as it is worked through).
import type { TenantContext } from "@/lib/core/tenant-context";
import { UNREVIEWED } from "./claim-filters";
import { failedRuleWords } from "./failed-rule-words";

const select = {
  id: true,
  certId: true,
  vendor: true,
  reference: true,
  apiVersion: true,
  verdict: true,
  verdictRules: true,
  fingerprintMatch: true,
  forbiddenFound: true,
  claimedAt: true,
  createdAt: true,
} as const;

export const FAILING = { ...UNREVIEWED, verdict: "fail" as const };
export const NOT_FAILING = { ...UNREVIEWED, OR: [{ verdict: null }, { verdict: "pass" as const }] };
const ORDER = [{ createdAt: "desc" as const }, { id: "desc" as const }];

export async function listReviewQueue(context: TenantContext, page = 0, limit = 50) {
  const offset = Math.max(0, Math.floor(page)) * limit;
  const [failing, total] = await Promise.all([
    context.db.claim.count({ where: FAILING }),
    context.db.claim.count({ where: UNREVIEWED }),
  ]);
  const first =
    offset < failing
      ? await context.db.claim.findMany({ where: FAILING, orderBy: ORDER, skip: offset, take: limit, select })
      : [];
  const rest =
    first.length < limit
      ? await context.db.claim.findMany({
          where: NOT_FAILING,
          orderBy: ORDER,
          skip: Math.max(0, offset - failing),
          take: limit - first.length,
          select,
        })
      : [];
  const rows = [...first, ...rest].map(({ verdictRules, ...row }) => ({
    ...row,
    failedRules: row.verdict === "fail" ? failedRuleWords(verdictRules) : [],
  }));
  return { rows, total, failing, hasMore: offset + rows.length < total };
}
