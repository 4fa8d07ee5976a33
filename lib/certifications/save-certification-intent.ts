// The first write of every certification, before anything is sent to TrueScreen (money rule: a certification
// exists before the call that spends its credits): the row, its files in order, and the audit entry, together.
import { auditActor } from "@/lib/core/actor";
import type { TenantContext } from "@/lib/core/tenant-context";

export interface CertificationIntent {
  title: string;
  mode: "hash" | "file";
  status: "creating" | "uploading";
  generatePdfReport: boolean;
  metadata: Record<string, string>;
  files: Array<{ fileName: string; sha256?: string; size?: number; mimeType?: string }>;
}

/** Saves the certification and its files; returns its id. */
export async function saveCertificationIntent(
  ctx: TenantContext,
  intent: CertificationIntent,
): Promise<string> {
  const creator = auditActor(ctx.actor);
  return ctx.transaction(async (tx) => {
    const created = await tx.db.certification.create({
      data: {
        title: intent.title,
        mode: intent.mode,
        status: intent.status,
        generatePdfReport: intent.generatePdfReport,
        metadata: intent.metadata,
        fileCount: intent.files.length,
        createdById: creator.actorId,
        createdByEmail: creator.actorEmail,
      },
      select: { id: true },
    });
    // Prisma rebuilds a JSON input object key by key, which drops an own "__proto__" key (a metadata key like any
    // other here): the column is written again from the JSON text, which keeps every key.
    await tx.db.$executeRaw`update "Certification" set metadata = ${JSON.stringify(intent.metadata)}::jsonb
      where id = ${created.id}::uuid and "tenantId" = ${tx.tenantId}::uuid`;
    await tx.db.certificationFile.createMany({
      data: intent.files.map((file, position) => ({
        certificationId: created.id,
        position,
        fileName: file.fileName,
        sha256: file.sha256 ?? null,
        size: file.size === undefined ? null : BigInt(file.size),
        mimeType: file.mimeType || null,
      })),
    });
    await tx.audit(
      intent.mode === "hash" ? "certification.requested" : "certification.upload_started",
      { type: "certification", id: created.id },
      { title: intent.title, mode: intent.mode, files: intent.files.length },
    );
    return created.id;
  });
}
