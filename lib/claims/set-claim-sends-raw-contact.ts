// Whether a single claim sends the lead's raw email and phone to TrustedForm instead of their fingerprints (bulk
// claims always send fingerprints).
import type { TenantContext } from "@/lib/core/tenant-context";
import { saveClaimSettings } from "./save-claim-settings";

export async function setClaimSendsRawContact(
  context: TenantContext,
  sendRawContact: boolean,
): Promise<void> {
  await saveClaimSettings(context, { claimSendsRawContact: sendRawContact }, { sendRawContact });
}
