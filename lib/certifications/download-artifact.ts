// A member downloads an artifact of a certification: from evidence storage once archived (with its recorded
// SHA-256), or, before archiving completes, by a fresh 60-second URL asked of TrueScreen. Every download is audited.
// The route handler turns the answer into a Response. Archived artifacts are named for filing
// (`<title>-<date>-report.pdf`, lib/bundles/filing-names.ts), as inside an evidence bundle.
import { artifactFilingName, certificationFilingDate } from "@/lib/bundles/filing-names";
import type { Download } from "@/lib/core/download";
import type { TenantContext } from "@/lib/core/tenant-context";
import { artifactEtag, readByteRange } from "@/lib/evidence/byte-range";
import { EvidenceRangeError, evidenceStore } from "@/lib/evidence/evidence-store";
import { getCertification } from "@/lib/truescreen/client";
import { checkServiceUrl } from "./check-service-url";
import { getCertificationDetail } from "./get-certification-detail";
import { tenantTrueScreen } from "./truescreen-account";

const TYPES = new Set(["data", "report", "xml", "media"]);

export type ArtifactDownload =
  /**
   * The archived bytes, with the SHA-256 recorded when they were archived; `part`: only the bytes a Range header
   * asked for (`download.size` is then the part's length, `part.size` the whole artifact's).
   */
  | {
      kind: "stored";
      download: Download;
      sha256: string;
      etag: string;
      part?: { start: number; end: number; size: number };
    }
  /** A Range of which no byte exists: 416, naming the artifact's size. */
  | { kind: "unsatisfiable"; size: number }
  /** Not archived yet: TrueScreen's fresh URL, where the browser fetches it without Certdesk's key. */
  | { kind: "redirect"; url: URL }
  | { kind: "refused"; status: 400 | 404 | 409 | 410 | 502; message: string };

const refused = (status: 400 | 404 | 409 | 410 | 502, message: string): ArtifactDownload => ({
  kind: "refused",
  status,
  message,
});

export async function downloadArtifact(
  ctx: TenantContext,
  certificationId: string,
  which: { type: string; position: number; range?: string | null; ifRange?: string | null },
): Promise<ArtifactDownload> {
  const { type, position } = which;
  if (!TYPES.has(type) || !Number.isInteger(position) || position < 0)
    return refused(400, "Unknown artifact.");
  const certification = await getCertificationDetail(ctx, certificationId);
  if (!certification) return refused(404, "Not found.");
  const audit = (source: string, range?: string) =>
    ctx.audit(
      "certification.artifact_downloaded",
      { type: "certification", id: certification.id },
      { type, position, source, ...(range ? { range } : {}) },
    );

  const artifact = certification.artifacts.find((a) => a.type === type && a.position === position);
  if (artifact) {
    const size = Number(artifact.size);
    const etag = artifactEtag(artifact.sha256);
    const range = readByteRange(which.range ?? null, size, { ifRange: which.ifRange, etag });
    if (range.kind === "unsatisfiable") return { kind: "unsatisfiable", size };
    const body = await (
      range.kind === "part"
        ? evidenceStore().getRange(artifact.storageKey, range.start, range.end)
        : evidenceStore().get(artifact.storageKey)
    ).catch((error: unknown) => {
      // The stored object is shorter than its record says: it is not the archived artifact any more.
      if (error instanceof EvidenceRangeError) return null;
      throw error;
    });
    if (!body) return refused(410, "The archived artifact is missing from evidence storage.");
    const part = range.kind === "part" ? { start: range.start, end: range.end, size } : undefined;
    await audit("evidence", part && `bytes ${part.start}-${part.end}/${size}`);
    return {
      kind: "stored",
      download: {
        filename: artifactFilingName(
          { title: certification.title, date: certificationFilingDate(certification) },
          {
            type,
            position,
            originalName:
              certification.files.find((f) => f.position === position)?.fileName ?? artifact.fileName,
          },
        ),
        contentType: artifact.contentType,
        body,
        size: part ? part.end - part.start + 1 : size,
      },
      sha256: artifact.sha256,
      etag,
      ...(part ? { part } : {}),
    };
  }
  if (certification.status !== "completed" || !certification.reportId)
    return refused(409, "This certification has no artifacts yet.");
  const truescreen = await tenantTrueScreen(ctx);
  const lookup = await getCertification(truescreen.account, certification.reportId).catch(() => null);
  if (!lookup || lookup.kind !== "state")
    return refused(502, "TrueScreen did not give a download URL. Try again in a moment.");
  const match = lookup.state.files.filter((f) => f.type === type)[position];
  if (!match) return refused(404, "TrueScreen has no such artifact for this certification.");
  const url = checkServiceUrl(match.url, truescreen);
  await audit("truescreen");
  return { kind: "redirect", url };
}
