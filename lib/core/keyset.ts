// Keyset pagination on (createdAt, id), newest first: a page costs the same at the first row and the millionth.
import { isUuid } from "./ids";

export interface KeysetCursor {
  createdAt: string;
  id: string;
}

export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

export function decodeCursor(value: string | undefined): KeysetCursor | null {
  if (!value) return null;
  const [createdAt, id] = Buffer.from(value, "base64url").toString("utf8").split("|");
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)) || !isUuid(id)) return null;
  return { createdAt, id };
}

/**
 * The rows after the cursor: (createdAt, id) < cursor, written with a plain range on createdAt first so that
 * PostgreSQL walks the (tenantId, createdAt, id) index from the cursor instead of filtering an OR over the tenant.
 */
export function afterCursor(after: KeysetCursor | null) {
  if (!after) return {};
  const at = new Date(after.createdAt);
  return { createdAt: { lte: at }, OR: [{ createdAt: { lt: at } }, { id: { lt: after.id } }] };
}

export const NEWEST_FIRST = [{ createdAt: "desc" as const }, { id: "desc" as const }];

/** Fetch `limit + 1` rows; this cuts the page and gives the next cursor when there is more. */
export function keysetPage<T extends { createdAt: Date; id: string }>(rows: T[], limit: number) {
  const page = rows.slice(0, limit);
  return { rows: page, next: rows.length > limit ? encodeCursor(page[page.length - 1]!) : null };
}
