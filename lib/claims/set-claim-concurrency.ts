// How many bulk claims of the tenant are in flight at once (a new batch takes the value current at its start).
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { saveClaimSettings } from "./save-claim-settings";

export const MIN_CLAIM_CONCURRENCY = 1;
export const MAX_CLAIM_CONCURRENCY = 32;

export async function setClaimConcurrency(context: TenantContext, concurrency: number): Promise<void> {
  if (
    !Number.isInteger(concurrency) ||
    concurrency < MIN_CLAIM_CONCURRENCY ||
    concurrency > MAX_CLAIM_CONCURRENCY
  )
    throw new UserFacingError(
      `Claims in flight must be a whole number from ${MIN_CLAIM_CONCURRENCY} to ${MAX_CLAIM_CONCURRENCY}.`,
    );
  await saveClaimSettings(context, { claimConcurrency: concurrency }, { concurrency });
}
