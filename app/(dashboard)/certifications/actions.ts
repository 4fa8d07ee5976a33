"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_auth/run-action";
import { abandonUpload } from "@/lib/certifications/abandon-upload";
import {
  fileCertificationInput,
  hashCertificationInput,
  type FileCertificationInput,
  type HashCertificationInput,
} from "@/lib/certifications/certification-input";
import { certifyHashes } from "@/lib/certifications/certify-hashes";
import { certifyHashesAgain } from "@/lib/certifications/certify-hashes-again";
import { certifyUploadedFiles } from "@/lib/certifications/certify-uploaded-files";
import { certifiedHashesInput, findCertifiedHashes } from "@/lib/certifications/find-certified-hashes";
import { registerUploadsAgain } from "@/lib/certifications/register-uploads-again";
import { startFileCertification } from "@/lib/certifications/start-file-certification";
import { getCreditsBalance } from "@/lib/certifications/get-credits-balance";
import { UserFacingError } from "@/lib/core/user-facing-error";

const idInput = z.object({ id: z.uuid({ message: "That certification id is not valid." }) });

export async function creditsAction() {
  return runAction("certifier", z.object({}), {}, async (member) => {
    const balance = await getCreditsBalance(member, 8000);
    if (!balance.ok) throw new UserFacingError(balance.error);
    return { credits: balance.credits };
  });
}

export async function certifyHashesAction(input: HashCertificationInput) {
  const result = await runAction("certifier", hashCertificationInput, input, (member, data) =>
    certifyHashes(member, data),
  );
  revalidatePath("/certifications");
  return result;
}

export async function startUploadAction(input: FileCertificationInput) {
  return runAction("certifier", fileCertificationInput, input, (member, data) =>
    startFileCertification(member, data),
  );
}

export async function registerAgainAction(input: { id: string; lastModified: Array<number | null> }) {
  return runAction(
    "certifier",
    idInput.extend({ lastModified: z.array(z.number().int().nullable()).max(1000).default([]) }),
    input,
    (member, data) => registerUploadsAgain(member, data.id, data.lastModified),
  );
}

export async function certifyUploadedAction(input: { id: string }) {
  const result = await runAction("certifier", idInput, input, (member, data) =>
    certifyUploadedFiles(member, data.id),
  );
  revalidatePath("/certifications");
  return result;
}

export async function abandonUploadAction(input: { id: string; reason: string }) {
  return runAction(
    "certifier",
    idInput.extend({ reason: z.string().max(500) }),
    input,
    async (member, data) => {
      await abandonUpload(member, data.id, data.reason);
      return null;
    },
  );
}

export async function certifyAgainAction(input: { id: string }) {
  const result = await runAction("certifier", idInput, input, (member, data) =>
    certifyHashesAgain(member, data.id),
  );
  revalidatePath("/certifications");
  return result;
}

/** Earlier certifications of these digests in this tenant: asked before credits are spent, and to verify files. */
export async function findCertifiedAction(input: { hashes: string[] }) {
  return runAction("viewer", certifiedHashesInput, input, (member, data) =>
    findCertifiedHashes(member, data.hashes),
  );
}
