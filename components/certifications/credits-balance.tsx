// The tenant's TrueScreen credits balance, for the header of the certification pages. The page reads it
// (lib/certifications/get-credits-balance.ts) and hands it here.
import type { CreditsBalance as Balance } from "@/lib/certifications/get-credits-balance";

export function CreditsBalance({ balance }: { balance: Balance }) {
  const text = !balance.ok
    ? "Credits unavailable"
    : balance.credits === null
      ? "Credits not reported"
      : `${balance.credits.toLocaleString("en")} credits`;
  return (
    <span
      title={balance.ok ? "TrueScreen credits of this tenant's workspace" : balance.error}
      data-testid="credits-balance"
      className="inline-flex items-center rounded-md bg-slate-100 px-3 py-2 text-sm font-medium text-slate-700 tabular-nums"
    >
      {text}
    </span>
  );
}
