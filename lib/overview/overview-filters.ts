// The overview's filters as they arrive in the URL (`from`, `to`, `vendor`), checked before any query: real calendar
// days, `from` not after `to`, at most MAX_RANGE_DAYS days, a vendor of at most 200 characters. Refused values are
// dropped (the default takes their place) and named in words, so the page says what it did not apply.
// Days are UTC calendar days; `to` is inclusive.
import { Prisma } from "@/generated/prisma/client";
import { z } from "zod";

export const DEFAULT_RANGE_DAYS = 30;
export const MAX_RANGE_DAYS = 366;
const DAY_MS = 86_400_000;

export interface OverviewFilters {
  /** First day, YYYY-MM-DD (UTC). */
  from: string;
  /** Last day, inclusive, YYYY-MM-DD (UTC). */
  to: string;
  /** Only claims of this vendor (exact); certifications have no vendor and ignore it. */
  vendor: string | null;
}

export interface ParsedOverviewFilters {
  filters: OverviewFilters;
  /** Why a value in the URL was not applied, one sentence each. */
  refused: string[];
}

const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

/** A real calendar day between 2000 and 2100, as YYYY-MM-DD. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "is not a date written YYYY-MM-DD")
  .refine((value) => {
    const time = Date.parse(`${value}T00:00:00Z`);
    return Number.isFinite(time) && isoDay(time) === value;
  }, "is not a calendar day")
  .refine((value) => value >= "2000-01-01" && value <= "2100-12-31", "is outside 2000 to 2100");

const vendor = z
  .string()
  .trim()
  .min(1)
  .max(200, "is longer than 200 characters")
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), "holds control characters");

/** The URL's values (first of each when repeated) into filters that are safe to query with. */
export function parseOverviewFilters(
  raw: Record<string, string | string[] | undefined>,
  now: Date = new Date(),
): ParsedOverviewFilters {
  const first = (key: string) => {
    const value = raw[key];
    const one = Array.isArray(value) ? value[0] : value;
    return one === undefined || one === "" ? undefined : one;
  };
  const refused: string[] = [];
  const take = <T>(name: string, schema: z.ZodType<T>, value: string | undefined): T | undefined => {
    if (value === undefined) return undefined;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    refused.push(`The ${name} ${parsed.error.issues[0]?.message ?? "was not valid"}, so it was not applied.`);
    return undefined;
  };

  const today = isoDay(now.getTime());
  let to = take("end date", day, first("to")) ?? today;
  let from = take("start date", day, first("from"));
  if (from && from > to) {
    refused.push("The start date was after the end date, so the dates were swapped.");
    [from, to] = [to, from];
  }
  from ??= isoDay(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_RANGE_DAYS - 1) * DAY_MS);
  if (rangeDays({ from, to }) > MAX_RANGE_DAYS) {
    refused.push(
      `The range was longer than ${MAX_RANGE_DAYS} days, so it was shortened to the ${MAX_RANGE_DAYS} days ending ${to}.`,
    );
    from = isoDay(Date.parse(`${to}T00:00:00Z`) - (MAX_RANGE_DAYS - 1) * DAY_MS);
  }
  return { filters: { from, to, vendor: take("vendor", vendor, first("vendor")) ?? null }, refused };
}

/** How many days the range covers, both ends included. */
export function rangeDays(filters: Pick<OverviewFilters, "from" | "to">): number {
  return (
    Math.round((Date.parse(`${filters.to}T00:00:00Z`) - Date.parse(`${filters.from}T00:00:00Z`)) / DAY_MS) + 1
  );
}

/** Every day of the range, in order (for charts that show the days without claims as zero). */
export function daysOf(filters: Pick<OverviewFilters, "from" | "to">): string[] {
  const start = Date.parse(`${filters.from}T00:00:00Z`);
  return Array.from({ length: rangeDays(filters) }, (_, i) => isoDay(start + i * DAY_MS));
}

/** Every week (its Monday, as PostgreSQL's date_trunc('week')) that the range touches, in order. */
export function weeksOf(filters: Pick<OverviewFilters, "from" | "to">): string[] {
  const start = Date.parse(`${filters.from}T00:00:00Z`);
  const monday = start - ((new Date(start).getUTCDay() + 6) % 7) * DAY_MS;
  const end = Date.parse(`${filters.to}T00:00:00Z`);
  const weeks: string[] = [];
  for (let time = monday; time <= end; time += 7 * DAY_MS) weeks.push(isoDay(time));
  return weeks;
}

/** Certifications (and batches) created within the range: conditions on "createdAt", every value a bound parameter. */
export function createdWithin(filters: OverviewFilters): Prisma.Sql {
  return Prisma.sql`"createdAt" >= ${filters.from}::date AND "createdAt" < ${filters.to}::date + 1`;
}

/**
 * Claim counts ("ClaimDailyCount") of the range's days and, when filtered, of one vendor (kept cut to 300
 * characters, as the counts keep it). Each statement still names its tenant itself (`"tenantId" = ${ctx.tenantId}::uuid`).
 */
export function countsWithin(filters: OverviewFilters): Prisma.Sql {
  const days = Prisma.sql`day >= ${filters.from}::date AND day <= ${filters.to}::date`;
  return filters.vendor === null ? days : Prisma.sql`${days} AND vendor = left(${filters.vendor}, 300)`;
}
