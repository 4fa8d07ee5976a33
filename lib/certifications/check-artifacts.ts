// Checks on archived artifacts, recorded with the certification and shown on its page:
// - jsonData: its file hashes against the hashes Certdesk certified (hash mode); in file mode it is the source of
//   the hashes TrueScreen computed from the uploads, which are copied onto the files for "Verify a file".
// - signed XML: its signature and what it covers (verify-xml-signature.ts).
import { z } from "zod";
import type { TenantContext } from "@/lib/core/tenant-context";
import { evidenceStore } from "@/lib/evidence/evidence-store";
import { verifyXmlSignature, type XmlSignatureCheck } from "./verify-xml-signature";

// A type, not an interface: it is stored as JSON (Certification.checks), which needs an implicit index signature.
export type ArtifactChecks = {
  data: { ok: boolean; message: string } | null;
  xml: XmlSignatureCheck | null;
};

const jsonData = z.object({
  report_id: z.string().optional(),
  files: z.array(
    z.object({
      file_name: z.string(),
      sha256: z.string(),
      size: z.number().nullish(),
      content_type: z.string().nullish(),
    }),
  ),
});

async function readAll(key: string, limit = 50 * 1024 * 1024): Promise<Buffer> {
  const stream = await evidenceStore().get(key);
  if (!stream) throw new Error("The archived artifact is missing from evidence storage.");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > limit) throw new Error("The artifact is too large to check.");
    chunks.push(Buffer.from(chunk));
  }
  return Buffer.concat(chunks);
}

export async function checkArtifacts(ctx: TenantContext, certificationId: string): Promise<ArtifactChecks> {
  const certification = await ctx.db.certification.findFirstOrThrow({
    where: { id: certificationId },
    include: { files: { orderBy: { position: "asc" } }, artifacts: true },
  });
  const checks: ArtifactChecks = { data: null, xml: null };
  let hashes = certification.files.map((file) => file.sha256).filter((h): h is string => Boolean(h));

  const data = certification.artifacts.find((a) => a.type === "data");
  if (data) {
    const parsed = jsonData.safeParse(JSON.parse((await readAll(data.storageKey)).toString("utf8")));
    if (!parsed.success) {
      checks.data = { ok: false, message: "jsonData is not in the expected shape." };
    } else if (certification.mode === "file") {
      // TrueScreen hashed the uploads: keep its hashes on the files, in upload order.
      const entries = parsed.data.files;
      if (entries.length !== certification.files.length) {
        checks.data = {
          ok: false,
          message: `jsonData lists ${entries.length} files; ${certification.files.length} were uploaded.`,
        };
      } else {
        for (const [index, file] of certification.files.entries()) {
          const entry = entries[index]!;
          await ctx.db.certificationFile.update({
            where: { id: file.id },
            data: {
              sha256: entry.sha256.toLowerCase(),
              ...(entry.size != null ? { size: BigInt(entry.size) } : {}),
            },
          });
        }
        hashes = entries.map((entry) => entry.sha256.toLowerCase());
        const media = certification.artifacts
          .filter((a) => a.type === "media")
          .sort((a, b) => a.position - b.position);
        const mismatch = media.filter((artifact, i) => hashes[i] && artifact.sha256 !== hashes[i]);
        checks.data = mismatch.length
          ? {
              ok: false,
              message: `${mismatch.length} archived media files differ from the hashes in jsonData.`,
            }
          : {
              ok: true,
              message: media.length
                ? "jsonData's hashes match the archived media files."
                : "jsonData holds TrueScreen's hashes of the uploaded files.",
            };
      }
    } else {
      const certified = certification.files.map((f) => f.sha256);
      const listed = parsed.data.files.map((f) => f.sha256.toLowerCase());
      const same = certified.length === listed.length && certified.every((hash, i) => hash === listed[i]);
      checks.data = same
        ? { ok: true, message: "jsonData lists exactly the hashes computed in your browser." }
        : { ok: false, message: "jsonData's hashes differ from the hashes computed in your browser." };
    }
  }

  const xml = certification.artifacts.find((a) => a.type === "xml");
  if (xml)
    checks.xml = verifyXmlSignature((await readAll(xml.storageKey)).toString("utf8"), {
      reportId: certification.reportId!,
      hashes,
    });
  return checks;
}
