// The certifications resource of the public API (hash certifications from hex digests; reading, artifacts, bundles),
// shared by the route handlers, the MCP tools and the OpenAPI generator. The request is the UI's own schema
// (certification-input.ts): the same limits and the same refusals.
import { z } from "zod";
import { hashCertificationInput } from "@/lib/certifications/certification-input";
import { CERTIFICATION_STATUSES } from "@/lib/certifications/certification-status";
import type { getCertificationDetail } from "@/lib/certifications/get-certification-detail";
import { certificationFilters, type listCertifications } from "@/lib/certifications/list-certifications";
import { iso, nullableTimestamp, pageQuery, timestamp } from "./common";

export const certifyHashesRequest = hashCertificationInput.meta({
  id: "CertifyHashesRequest",
  description:
    "Certify files by their SHA-256 digests (64 hex characters each): the files never leave your systems. Spends TrueScreen credits.",
});

export const certificationListQuery = certificationFilters
  .extend(pageQuery)
  .meta({ id: "CertificationListQuery" });

export const ARTIFACT_KINDS = ["data", "report", "xml", "media"] as const;
export const artifactQuery = z.object({
  position: z.coerce
    .number()
    .int()
    .min(0)
    .max(10_000)
    .default(0)
    .meta({ description: "Which artifact of the kind (media: the file's position, from 0)." }),
});

const status = z.enum(CERTIFICATION_STATUSES);

export const certificationCreated = z
  .object({
    id: z.string(),
    status: z.enum(["pending", "error", "unknown"]),
    message: z.string().nullable().meta({ description: "What happened, when it is not simply pending." }),
  })
  .meta({ id: "CertificationCreated" });

export const certificationSummary = z
  .object({
    id: z.string(),
    title: z.string(),
    mode: z.enum(["hash", "file"]),
    status,
    fileCount: z.number().int(),
    creditsAmount: z.number().int().nullable(),
    createdBy: z.string().nullable(),
    createdAt: timestamp,
    archivedAt: nullableTimestamp,
  })
  .meta({ id: "CertificationSummary" });

export const certificationDetail = certificationSummary
  .extend({
    reportId: z.string().nullable(),
    metadata: z.record(z.string(), z.string()),
    errorCode: z.string().nullable(),
    errorMessage: z.string().nullable(),
    completedAt: nullableTimestamp,
    files: z.array(z.object({ position: z.number().int(), name: z.string(), sha256: z.string().nullable() })),
    artifacts: z.array(
      z.object({
        kind: z.enum(ARTIFACT_KINDS),
        position: z.number().int(),
        fileName: z.string(),
        contentType: z.string(),
        sha256: z.string(),
        size: z.number().int(),
        href: z.string().meta({ description: "Where to download it with the same token." }),
      }),
    ),
  })
  .meta({ id: "Certification" });

export const certificationPage = z
  .object({ data: z.array(certificationSummary), next: z.string().nullable() })
  .meta({ id: "CertificationPage" });

type Listed = Awaited<ReturnType<typeof listCertifications>>["rows"][number];
type Detail = NonNullable<Awaited<ReturnType<typeof getCertificationDetail>>>;

export function toCertificationSummary(row: Listed | Detail): z.infer<typeof certificationSummary> {
  return {
    id: row.id,
    title: row.title,
    mode: row.mode,
    status: row.status,
    fileCount: row.fileCount,
    creditsAmount: row.creditsAmount,
    createdBy: row.createdByEmail,
    createdAt: iso(row.createdAt),
    archivedAt: iso(row.archivedAt),
  };
}

export function toCertificationDetail(row: Detail): z.infer<typeof certificationDetail> {
  return {
    ...toCertificationSummary(row),
    reportId: row.reportId,
    metadata: (row.metadata ?? {}) as Record<string, string>,
    errorCode: row.errorCode,
    errorMessage: row.errorMessage,
    completedAt: iso(row.completedAt),
    files: row.files.map((file) => ({ position: file.position, name: file.fileName, sha256: file.sha256 })),
    artifacts: row.artifacts.map((artifact) => ({
      kind: artifact.type,
      position: artifact.position,
      fileName: artifact.fileName,
      contentType: artifact.contentType,
      sha256: artifact.sha256,
      size: Number(artifact.size),
      href: `/api/v1/certifications/${row.id}/artifacts/${artifact.type}?position=${artifact.position}`,
    })),
  };
}
