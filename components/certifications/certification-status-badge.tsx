const STYLES: Record<string, { label: string; className: string }> = {
  uploading: { label: "Uploading", className: "bg-sky-50 text-sky-800 ring-sky-200" },
  creating: { label: "Creating", className: "bg-sky-50 text-sky-800 ring-sky-200" },
  pending: { label: "Pending", className: "bg-amber-50 text-amber-800 ring-amber-200" },
  completed: { label: "Completed", className: "bg-emerald-50 text-emerald-800 ring-emerald-200" },
  error: { label: "Error", className: "bg-red-50 text-red-800 ring-red-200" },
  unknown: { label: "Check needed", className: "bg-orange-50 text-orange-900 ring-orange-300" },
};

export function CertificationStatusBadge({ status }: { status: string }) {
  const style = STYLES[status] ?? { label: status, className: "bg-slate-50 text-slate-700 ring-slate-200" };
  return (
    <span
      data-status={status}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${style.className}`}
    >
      {style.label}
    </span>
  );
}
