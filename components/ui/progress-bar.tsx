/** An accessible progress bar: a label, the share done, and an optional line of detail under it. */
export function ProgressBar({
  label,
  value,
  max,
  detail,
  tone = "brand",
}: {
  label: string;
  value: number;
  max: number;
  detail?: string;
  tone?: "brand" | "error";
}) {
  const percent = max > 0 ? Math.min(100, Math.round((value / max) * 100)) : 0;
  return (
    <div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={`${percent}%${detail ? `, ${detail}` : ""}`}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={`h-full rounded-full transition-[width] duration-200 ${tone === "error" ? "bg-red-500" : "bg-brand-600"}`}
          style={{ width: `${percent}%` }}
        />
      </div>
      {detail ? <p className="mt-1 text-xs text-slate-600 tabular-nums">{detail}</p> : null}
    </div>
  );
}
