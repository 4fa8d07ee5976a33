// Pieces every resource schema of the public API shares: ids, pages, timestamps.
import { z } from "zod";

export const idParam = z.string().meta({ description: "An id as Certdesk gave it (a UUID)." });

export const pageQuery = {
  cursor: z
    .string()
    .max(200)
    .optional()
    .meta({ description: "The `next` of the previous page; leave out for the first page." }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(200)
    .default(50)
    .meta({ description: "Rows per page (1 to 200)." }),
};

export const timestamp = z.iso.datetime().meta({ description: "An ISO 8601 time (UTC)." });
export const nullableTimestamp = timestamp.nullable();

export function iso(value: Date): string;
export function iso(value: Date | null): string | null;
export function iso(value: Date | null): string | null {
  return value ? value.toISOString() : null;
}

export const idempotencyKeyHeader = z.string().min(1).max(255).meta({
  description:
    "Required. A new key (a UUID) per intended request, the same key on its retries: kept 24 hours per tenant.",
});
