// Which of these SHA-256 digests this tenant has certified before (completed, or accepted and still pending), with
// where and when: shown before any credit is spent on them again, and by the list page's drop zone to verify files.
// One query for the whole batch, through the (tenantId, sha256) index.
import { z } from "zod";
import type { TenantContext } from "@/lib/core/tenant-context";
import { MAX_FILES } from "./certification-input";

export const certifiedHashesInput = z.object({
  hashes: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[0-9a-f]{64}$/, "A hash is not a SHA-256 digest (64 hexadecimal characters)."),
    )
    .max(MAX_FILES, `Up to ${MAX_FILES} hashes at once.`),
});

export interface CertifiedHash {
  sha256: string;
  fileName: string;
  certificationId: string;
  title: string;
  status: "completed" | "pending";
  createdAt: Date;
  completedAt: Date | null;
}

/** Every earlier certification of each digest, newest first. */
export async function findCertifiedHashes(ctx: TenantContext, hashes: string[]): Promise<CertifiedHash[]> {
  const wanted = [...new Set(hashes.map((h) => h.toLowerCase()).filter((h) => /^[0-9a-f]{64}$/.test(h)))];
  if (!wanted.length) return [];
  const rows = await ctx.db.certificationFile.findMany({
    where: { sha256: { in: wanted }, certification: { status: { in: ["completed", "pending"] } } },
    select: {
      sha256: true,
      fileName: true,
      certification: {
        select: { id: true, title: true, status: true, createdAt: true, completedAt: true },
      },
    },
    orderBy: [{ certification: { createdAt: "desc" } }, { certificationId: "asc" }, { position: "asc" }],
    take: 5000,
  });
  return rows.map((row) => ({
    sha256: row.sha256!,
    fileName: row.fileName,
    certificationId: row.certification.id,
    title: row.certification.title,
    status: row.certification.status as "completed" | "pending",
    createdAt: row.certification.createdAt,
    completedAt: row.certification.completedAt,
  }));
}
