const TONES = {
  success: "bg-emerald-100 text-emerald-800",
  failure: "bg-red-100 text-red-800",
  error: "bg-slate-200 text-slate-800",
  pending: "bg-amber-100 text-amber-900",
} as const;

/** `outcome`: success, failure, error (reported by TrustedForm, kept on the answer), or null when none was read. */
export function ClaimOutcomeBadge({ status, outcome }: { status: string; outcome: string | null }) {
  const [tone, label] =
    status === "claimed"
      ? outcome === "success"
        ? (["success", "success"] as const)
        : outcome === "failure"
          ? (["failure", "failure"] as const)
          : outcome === "error"
            ? (["error", "claimed, outcome error"] as const)
            : (["pending", "claimed, to review"] as const)
      : status === "failed"
        ? (["error", "not claimed"] as const)
        : (["pending", status === "sending" ? "sending" : "answer lost"] as const);
  return (
    <span className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${TONES[tone]}`}>{label}</span>
  );
}

export function FoundMark({ good, children }: { good: boolean; children: React.ReactNode }) {
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded px-1.5 py-0.5 text-xs font-medium ${good ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800"}`}
    >
      <span aria-hidden="true">{good ? "✓" : "✗"}</span>
      {children}
    </span>
  );
}

/** The policy's verdict on a 4.0 claim (a recommendation; the reviewer decides); a dash when there is none. */
export function ClaimVerdictBadge({ verdict }: { verdict: "pass" | "fail" | null }) {
  if (!verdict) return <span className="text-slate-500">—</span>;
  return (
    <span
      className={`inline-flex rounded-full px-2 py-0.5 text-xs font-medium ${TONES[verdict === "pass" ? "success" : "failure"]}`}
    >
      {verdict === "pass" ? "passes policy" : "fails policy"}
    </span>
  );
}

/** The 4.0 facts a reviewer filters on, named only when they are bad (unknown facts say nothing here). */
export function ClaimV4Flags({
  botDetected,
  oneToOne,
  languageApproved,
}: {
  botDetected: boolean | null;
  oneToOne: boolean | null;
  languageApproved: boolean | null;
}) {
  const flags = [
    botDetected === true && "bot detected",
    oneToOne === false && "not 1:1",
    languageApproved === false && "language not approved",
  ].filter((flag): flag is string => Boolean(flag));
  if (!flags.length) return null;
  return <span className="mt-1 block text-xs text-red-700">{flags.join(", ")}</span>;
}
