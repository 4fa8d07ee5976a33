// Downloads an artifact of a certification: from evidence storage once archived (with its recorded SHA-256), or,
// before archiving completes, by a fresh 60-second URL asked of TrueScreen. Members only; every download is audited.
import { requireMember } from "@/app/_auth/require-member";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { getCertificationDetail } from "@/lib/certifications/get-certification";
import { checkServiceUrl } from "@/lib/certifications/check-service-url";
import { tenantTrueScreen } from "@/lib/certifications/truescreen-account";
import { evidenceStore } from "@/lib/evidence/evidence-store";
import { displayText } from "@/lib/text/display-name";
import { getCertification } from "@/lib/truescreen/client";

const TYPES = new Set(["data", "report", "xml", "media"]);

// The browser shows this name in its downloads list: bidi controls are escaped there too (lib/text/display-name.ts).
function contentDisposition(fileName: string) {
  const shown = displayText(fileName);
  const ascii = shown.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(shown)}`;
}

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const gate = await requireMember("viewer");
  if (!gate.ok) return new Response(gate.error, { status: gate.status });
  const { member } = gate;
  const { id } = await params;
  const search = new URL(request.url).searchParams;
  const type = search.get("type") ?? "";
  const position = Number(search.get("n") ?? "0");
  if (!TYPES.has(type) || !Number.isInteger(position) || position < 0)
    return new Response("Unknown artifact.", { status: 400 });
  const certification = await getCertificationDetail(member, id);
  if (!certification) return new Response("Not found.", { status: 404 });

  const audit = (source: string) =>
    appendAuditEntry({
      tenantId: member.tenantId,
      actorId: member.actorId,
      actorEmail: member.actorEmail,
      action: "certification.artifact_downloaded",
      targetType: "certification",
      targetId: certification.id,
      details: { type, position, source },
    });

  const artifact = certification.artifacts.find((a) => a.type === type && a.position === position);
  if (artifact) {
    const body = await evidenceStore().get(artifact.storageKey);
    if (!body)
      return new Response("The archived artifact is missing from evidence storage.", { status: 410 });
    await audit("evidence");
    return new Response(body, {
      headers: {
        "content-type": artifact.contentType,
        "content-length": artifact.size.toString(),
        "content-disposition": contentDisposition(artifact.fileName),
        "repr-digest": `sha-256=:${Buffer.from(artifact.sha256, "hex").toString("base64")}:`,
        "x-content-sha256": artifact.sha256,
        "cache-control": "private, no-store",
        "x-content-type-options": "nosniff",
      },
    });
  }
  if (certification.status !== "completed" || !certification.reportId)
    return new Response("This certification has no artifacts yet.", { status: 409 });
  const truescreen = await tenantTrueScreen(member);
  const lookup = await getCertification(truescreen.account, certification.reportId).catch(() => null);
  if (!lookup || lookup.kind !== "state")
    return new Response("TrueScreen did not give a download URL. Try again in a moment.", { status: 502 });
  const match = lookup.state.files.filter((f) => f.type === type)[position];
  if (!match) return new Response("TrueScreen has no such artifact for this certification.", { status: 404 });
  const url = checkServiceUrl(match.url, truescreen);
  await audit("truescreen");
  return new Response(null, {
    status: 303,
    headers: { location: url.toString(), "cache-control": "no-store" },
  });
}
