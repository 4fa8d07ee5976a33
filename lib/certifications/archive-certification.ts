// Archives a completed certification: every artifact not archived yet is downloaded into evidence storage within
// its 60-second URL window, then the artifacts are checked and the certification marked archived. A failure throws;
// the worker postpones the next attempt (postpone-archive.ts).
import type { TenantContext } from "@/lib/core/tenant-context";
import { evidenceStore } from "@/lib/evidence/evidence-store";
import { getCertification, type CertificationState } from "@/lib/truescreen/client";
import { checkArtifacts } from "./check-artifacts";
import { checkServiceUrl } from "./check-service-url";
import { fetchArtifact } from "./fetch-artifact";
import { tenantTrueScreen } from "./truescreen-account";

const EXTENSION: Record<string, string> = { data: "json", report: "pdf", xml: "xml" };
const CONTENT_TYPE: Record<string, string> = {
  data: "application/json",
  report: "application/pdf",
  xml: "application/xml",
  media: "application/octet-stream",
};

function artifactFileName(
  type: string,
  position: number,
  reportId: string,
  files: Array<{ position: number; fileName: string }>,
) {
  if (type === "media")
    return files.find((f) => f.position === position)?.fileName ?? `media-${position + 1}`;
  return `${reportId}.${EXTENSION[type]}`;
}

export async function archiveCertification(ctx: TenantContext, certificationId: string): Promise<void> {
  const certification = await ctx.db.certification.findFirst({
    where: { id: certificationId },
    include: { files: { orderBy: { position: "asc" } }, artifacts: true },
  });
  if (!certification || certification.status !== "completed" || certification.archivedAt) return;
  const truescreen = await tenantTrueScreen(ctx);
  // Fresh URLs: each GET signs them anew for 60 s.
  const lookup = await getCertification(truescreen.account, certification.reportId!);
  if (lookup.kind !== "state" || lookup.state.status !== "completed")
    throw new Error("TrueScreen no longer shows this certification as completed.");
  const positions = new Map<string, number>();
  const wanted = lookup.state.files.map((file: CertificationState["files"][number]) => {
    const position = positions.get(file.type) ?? 0;
    positions.set(file.type, position + 1);
    return { ...file, position };
  });
  const store = evidenceStore();
  for (const file of wanted) {
    if (certification.artifacts.some((a) => a.type === file.type && a.position === file.position)) continue;
    const url = checkServiceUrl(file.url, truescreen);
    const response = await fetchArtifact(url);
    if (!response.ok || !response.body) {
      await response.body?.cancel();
      throw new Error(`Downloading the ${file.type} artifact answered HTTP ${response.status}.`);
    }
    const contentType = (response.headers.get("content-type") ?? CONTENT_TYPE[file.type]!)
      .split(";")[0]!
      .trim();
    const storageKey = `${ctx.tenantId}/${certificationId}/${file.type}-${file.position}`;
    const stored = await store.put(storageKey, response.body, contentType);
    await ctx.db.certificationArtifact.upsert({
      where: {
        certificationId_type_position: { certificationId, type: file.type, position: file.position },
      },
      update: { storageKey, sha256: stored.sha256, size: BigInt(stored.size), contentType },
      create: {
        certificationId,
        type: file.type,
        position: file.position,
        fileName: artifactFileName(file.type, file.position, certification.reportId!, certification.files),
        contentType,
        storageKey,
        sha256: stored.sha256,
        size: BigInt(stored.size),
      },
    });
  }
  const checks = await checkArtifacts(ctx, certificationId);
  await ctx.transaction(async (tx) => {
    await tx.db.certification.update({
      where: { id: certificationId },
      data: { archivedAt: new Date(), archiveNextAt: null, archiveError: null, checks },
    });
    await tx.audit(
      "certification.archived",
      { type: "certification", id: certificationId },
      { artifacts: wanted.length, xmlSignatureValid: checks.xml?.valid ?? null },
    );
  });
}
