// The daily certifications of a tenant's audit chain head, newest first, with their certification's status.
import type { TenantContext } from "@/lib/core/tenant-context";

export interface AuditHeadCertificationRow {
  id: string;
  createdAt: Date;
  seq: number;
  hash: string;
  anchorKey: string;
  anchorSha256: string;
  /** null when the attempt failed before a certification was created (the audit log says why). */
  certificationId: string | null;
  certificationStatus: string | null;
}

export async function listAuditHeadCertifications(
  context: TenantContext,
  limit = 30,
): Promise<AuditHeadCertificationRow[]> {
  const { db } = context;
  const rows = await db.auditHeadCertification.findMany({ orderBy: { createdAt: "desc" }, take: limit });
  const ids = rows.flatMap((row) => (row.certificationId ? [row.certificationId] : []));
  const certifications = ids.length
    ? await db.certification.findMany({ where: { id: { in: ids } }, select: { id: true, status: true } })
    : [];
  const status = new Map(certifications.map((c) => [c.id, c.status as string]));
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    seq: row.seq,
    hash: row.hash,
    anchorKey: row.anchorKey,
    anchorSha256: row.anchorSha256,
    certificationId: row.certificationId,
    certificationStatus: row.certificationId ? (status.get(row.certificationId) ?? null) : null,
  }));
}
