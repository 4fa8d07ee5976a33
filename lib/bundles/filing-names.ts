// Names a person can file: a download is saved as `<title>-<YYYY-MM-DD>-report.pdf`, `…-signed.xml`, `…-data.json`,
// and a bundle as `<title>-<YYYY-MM-DD>-evidence.zip`, the title slugified to safe characters (lower-case ASCII
// letters, digits and dashes), so that the name survives every file system, mail client and ZIP tool unchanged.

const MAX_SLUG = 60;

/** The title in safe characters: accents dropped, anything else a dash, at most 60 characters; `fallback` when empty. */
export function filingSlug(title: string | null | undefined, fallback = "evidence"): string {
  const slug = (title ?? "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, MAX_SLUG)
    .replace(/-+$/g, "");
  return slug || fallback;
}

/** The day in UTC, YYYY-MM-DD. */
export function filingDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** An original file's name kept readable but safe: its stem slugified, its extension kept when it is plain. */
export function safeFileName(name: string, fallback = "file"): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const dot = base.lastIndexOf(".");
  const extension = dot > 0 ? base.slice(dot + 1).toLowerCase() : "";
  const stem = filingSlug(dot > 0 ? base.slice(0, dot) : base, fallback);
  return /^[a-z0-9]{1,10}$/.test(extension) ? `${stem}.${extension}` : filingSlug(base, fallback);
}

const SUFFIX: Record<string, string> = { data: "data.json", report: "report.pdf", xml: "signed.xml" };

/**
 * The name of a certification's artifact: `<title>-<date>-report.pdf`, `-signed.xml`, `-data.json` (a second one of
 * a type gets `-2`), and for a media artifact (an uploaded original) `<title>-<date>-<original name>`.
 */
export function artifactFilingName(
  certification: { title: string; date: Date },
  artifact: { type: string; position: number; originalName?: string | null },
): string {
  const base = `${filingSlug(certification.title, "certification")}-${filingDate(certification.date)}`;
  if (artifact.type === "media")
    return `${base}-${safeFileName(artifact.originalName ?? "", `file-${artifact.position + 1}`)}`;
  const suffix = SUFFIX[artifact.type] ?? `${filingSlug(artifact.type, "artifact")}.bin`;
  if (artifact.position === 0) return `${base}-${suffix}`;
  const dot = suffix.indexOf(".");
  return `${base}-${suffix.slice(0, dot)}-${artifact.position + 1}${suffix.slice(dot)}`;
}

/** The bundle's own name: `<title>-<date>-evidence.zip`. */
export function bundleFilingName(title: string, date: Date, fallback = "evidence"): string {
  return `${filingSlug(title, fallback)}-${filingDate(date)}-evidence.zip`;
}

/** The date a certification's files are named after: when it completed, else when it was made. */
export function certificationFilingDate(certification: { completedAt: Date | null; createdAt: Date }): Date {
  return certification.completedAt ?? certification.createdAt;
}
