import { csvCell } from "@/lib/text/csv-cell";
import type { AuditRow } from "./list-audit-entries";

export const CSV_HEADER =
  "seq,created_at,actor_email,action,target_type,target_id,details,ip,prev_hash,hash\n";

export function auditCsvLine(row: AuditRow): string {
  return (
    [
      row.seq,
      row.createdAt.toISOString(),
      row.actorEmail,
      row.action,
      row.targetType,
      row.targetId,
      row.details,
      row.ip,
      row.prevHash,
      row.hash,
    ]
      .map(csvCell)
      .join(",") + "\n"
  );
}

export function auditJsonLine(row: AuditRow): string {
  return (
    JSON.stringify({
      seq: row.seq,
      created_at: row.createdAt.toISOString(),
      actor_email: row.actorEmail,
      action: row.action,
      target_type: row.targetType,
      target_id: row.targetId,
      details: row.details,
      ip: row.ip,
      prev_hash: row.prevHash,
      hash: row.hash,
    }) + "\n"
  );
}
