// The tenant's TrueScreen credits balance, for the header of the certification pages and the cost check before
// certifying. Never throws for TrueScreen's sake: a missing key, a refusal or a silence is an answer in words, which
// the page shows in place of the balance and the action shows as its error.
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { getCredits } from "@/lib/truescreen/get-credits";
import { TrueScreenProblem } from "@/lib/truescreen/truescreen-problem";
import { tenantTrueScreen } from "./truescreen-account";

/** `credits` is null when TrueScreen answered without a balance Certdesk can read. */
export type CreditsBalance = { ok: true; credits: number | null } | { ok: false; error: string };

export async function getCreditsBalance(ctx: TenantContext, timeoutMs: number): Promise<CreditsBalance> {
  try {
    const truescreen = await tenantTrueScreen(ctx);
    return {
      ok: true,
      credits: await getCredits(truescreen.account.baseUrl, truescreen.account.apiKey, timeoutMs),
    };
  } catch (error) {
    if (error instanceof UserFacingError || error instanceof TrueScreenProblem)
      return { ok: false, error: error.message };
    return { ok: false, error: "TrueScreen did not answer the credits balance. Try again in a moment." };
  }
}
