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
