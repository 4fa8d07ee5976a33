// Uploads the browser never finished (closed tab) are closed, so the list does not show them uploading forever.
// Nothing was certified or spent. The worker finds the tenants that have some (lib/jobs).
import type { TenantContext } from "@/lib/core/tenant-context";

/** Uploads not finished within this long are closed (the browser went away). */
export const ABANDONED_UPLOAD_MINUTES = 60;

/** Closes this tenant's abandoned uploads; returns how many. */
export async function closeAbandonedUploads(ctx: TenantContext): Promise<number> {
  const closed = await ctx.db.certification.updateMany({
    where: {
      status: "uploading",
      updatedAt: { lt: new Date(Date.now() - ABANDONED_UPLOAD_MINUTES * 60_000) },
    },
    data: {
      status: "error",
      errorMessage: "The upload was never finished (the browser left), so nothing was certified or spent.",
    },
  });
  return closed.count;
}
