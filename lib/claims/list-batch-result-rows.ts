// Every row of a bulk claim batch, accepted and refused, in file order: what the results CSV shows.
import type { TenantContext } from "@/lib/core/tenant-context";
import { getBatchProgress } from "./get-batch-progress";

export interface BatchResultRow {
  row: number;
  certUrl: string;
  claimId: string;
  reference: string | null;
  vendor: string | null;
  result: string;
  required: string;
  forbiddenFound: number | "";
  fingerprintMatch: boolean | null;
  warnings: string;
  reason: string;
}

/** Null when the batch is not the tenant's. */
export async function listBatchResultRows(
  context: TenantContext,
  batchId: string,
): Promise<BatchResultRow[] | null> {
  const progress = await getBatchProgress(context, batchId);
  if (!progress) return null;
  const claims = await context.db.claim.findMany({
    where: { batchId },
    orderBy: { rowNumber: "asc" },
    select: {
      rowNumber: true,
      id: true,
      certUrl: true,
      reference: true,
      vendor: true,
      status: true,
      outcome: true,
      requiredFound: true,
      requiredTotal: true,
      forbiddenFound: true,
      fingerprintMatch: true,
      warnings: true,
      errorMessage: true,
    },
  });
  const rows: BatchResultRow[] = [
    ...claims.map((c) => ({
      row: c.rowNumber ?? 0,
      certUrl: c.certUrl,
      claimId: c.id,
      reference: c.reference,
      vendor: c.vendor,
      result: c.status === "claimed" ? (c.outcome ?? "claimed") : c.status,
      required: c.status === "claimed" ? `${c.requiredFound}/${c.requiredTotal}` : "",
      forbiddenFound: c.status === "claimed" ? c.forbiddenFound : ("" as const),
      fingerprintMatch: c.fingerprintMatch,
      warnings: c.warnings.join("; "),
      reason: c.errorMessage ?? "",
    })),
    ...progress.refused.map((r) => ({
      row: r.row,
      certUrl: r.certUrl,
      claimId: "",
      reference: "",
      vendor: "",
      result: "refused",
      required: "",
      forbiddenFound: "" as const,
      fingerprintMatch: null,
      warnings: "",
      reason: r.reason,
    })),
  ];
  return rows.sort((a, b) => a.row - b.row);
}
