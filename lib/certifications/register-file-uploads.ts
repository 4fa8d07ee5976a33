// Upload mode: TrueScreen hands one presigned PUT URL per file (one upload session for the batch). Registering spends
// nothing; a refusal or a silence is told in words, since the member can simply try again.
import { NotSentError, registerUploads, TrueScreenProblem } from "@/lib/truescreen/client";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { checkServiceUrl } from "./check-service-url";
import type { TenantTrueScreen } from "./truescreen-account";

export interface UploadTarget {
  position: number;
  url: string;
}

export async function registerFileUploads(
  truescreen: TenantTrueScreen,
  files: Array<{ fileName: string; lastModified?: number | null }>,
): Promise<{ token: string; targets: UploadTarget[] }> {
  const now = Date.now();
  let slots;
  try {
    slots = await registerUploads(
      truescreen.account,
      files.map((file) => ({
        file_name: file.fileName,
        // The file's own date goes into jsonData when the browser knows it and it is not in the future.
        ...(file.lastModified && file.lastModified <= now
          ? { creation_datetime: new Date(file.lastModified).toISOString() }
          : {}),
      })),
    );
  } catch (error) {
    if (error instanceof TrueScreenProblem) throw new UserFacingError(error.message);
    if (error instanceof NotSentError)
      throw new UserFacingError("TrueScreen could not be reached. Nothing was spent; try again in a moment.");
    throw new UserFacingError(
      "TrueScreen did not answer the upload registration. Nothing was spent; try again in a moment.",
    );
  }
  const token = slots[0]!.upload_session_token;
  if (slots.some((slot) => slot.upload_session_token !== token))
    throw new Error("TrueScreen returned several upload session tokens for one registration.");
  for (const slot of slots) checkServiceUrl(slot.upload_url, truescreen);
  return { token, targets: slots.map((slot, position) => ({ position, url: slot.upload_url })) };
}
