// The tenant's TrueScreen credits balance, for the header of the certification pages. Server component.
import { tenantTrueScreen } from "@/lib/certifications/truescreen-account";
import type { TenantContext } from "@/lib/core/tenant-context";
import { getCredits } from "@/lib/truescreen/get-credits";

export async function CreditsBalance({ scope }: { scope: TenantContext }) {
  let text: string;
  let title = "TrueScreen credits of this tenant's workspace";
  try {
    const truescreen = await tenantTrueScreen(scope);
    const credits = await getCredits(truescreen.account.baseUrl, truescreen.account.apiKey, 3000);
    text = credits === null ? "Credits not reported" : `${credits.toLocaleString("en")} credits`;
  } catch (error) {
    text = "Credits unavailable";
    title = error instanceof Error ? error.message : title;
  }
  return (
    <span
      title={title}
      data-testid="credits-balance"
      className="inline-flex items-center rounded-md bg-slate-100 px-3 py-2 text-sm font-medium text-slate-700 tabular-nums"
    >
      {text}
    </span>
  );
}
