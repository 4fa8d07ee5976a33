// Hash mode: the files never leave the browser; their names and SHA-256 digests are saved, then TrueScreen is asked
// to certify the hashes (this spends the credits).
import type { z } from "zod";
import type { TenantContext } from "@/lib/core/tenant-context";
import { createHashCertification } from "@/lib/truescreen/client";
import { callTrueScreenCreate } from "./call-truescreen-create";
import type { hashCertificationInput } from "./certification-input";
import { saveCertificationIntent } from "./save-certification-intent";
import { settleCertification, type CreateResult } from "./settle-certification";
import { tenantTrueScreen } from "./truescreen-account";

export async function certifyHashes(
  ctx: TenantContext,
  input: z.output<typeof hashCertificationInput>,
): Promise<CreateResult> {
  const truescreen = await tenantTrueScreen(ctx);
  const id = await saveCertificationIntent(ctx, {
    title: input.title,
    mode: "hash",
    status: "creating",
    generatePdfReport: input.generatePdfReport,
    metadata: input.metadata,
    files: input.files.map((file) => ({ fileName: file.name, sha256: file.sha256 })),
  });
  const outcome = await callTrueScreenCreate(truescreen.environment, () =>
    createHashCertification(truescreen.account, {
      title: input.title,
      files: input.files.map((file) => ({ file_name: file.name, hash: file.sha256 })),
      webhook_url: truescreen.webhookUrlFor(id),
      generate_pdf_report: input.generatePdfReport,
      ...(Object.keys(input.metadata).length ? { metadata: input.metadata } : {}),
    }),
  );
  return settleCertification(ctx, id, outcome);
}
