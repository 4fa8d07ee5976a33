// Reads the answer to a certification create call (POST /v1/hash-certifications, /v1/file-certifications) leniently.
// A 2xx means TrueScreen created the certification and spent the credits, so the answer is never refused for its
// shape: report_id and credits_amount are read when they have the documented shape (fixtures/hash-certification.json)
// and reported in `unreadable` when they do not. The raw body is kept for the record.

export interface CreatedCertification {
  /** null when the answer did not carry a readable one: the certification exists, but Certdesk cannot poll it. */
  report_id: string | null;
  status: string | null;
  credits_amount: number | null;
  title: string | null;
  created_at: string | null;
  /** The parsed JSON body, or its text. */
  raw: unknown;
  unreadable: string[];
}

function kind(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : typeof value === "string" ? "a text" : `a ${typeof value}`;
}

export function readCreatedCertification(raw: unknown): CreatedCertification {
  const unreadable: string[] = [];
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    return {
      report_id: null,
      status: null,
      credits_amount: null,
      title: null,
      created_at: null,
      raw,
      unreadable: [`the whole answer: ${kind(raw)}, expected a JSON object`],
    };
  }
  const body = raw as Record<string, unknown>;
  const text = (name: string, required = false): string | null => {
    const value = body[name];
    if (typeof value === "string" && value !== "") return value;
    if (typeof value === "number") return String(value);
    if (value !== undefined && value !== null) unreadable.push(`${name}: ${kind(value)}, expected a text`);
    else if (required) unreadable.push(`${name}: missing`);
    return null;
  };
  const credits = body.credits_amount;
  let creditsAmount: number | null = null;
  if (typeof credits === "number" && Number.isFinite(credits)) creditsAmount = credits;
  else if (typeof credits === "string" && credits.trim() !== "" && Number.isFinite(Number(credits)))
    creditsAmount = Number(credits);
  else if (credits === undefined || credits === null) unreadable.push("credits_amount: missing");
  else unreadable.push(`credits_amount: ${kind(credits)}, expected a number`);
  return {
    report_id: text("report_id", true),
    status: text("status"),
    credits_amount: creditsAmount,
    title: text("title"),
    created_at: text("created_at"),
    raw,
    unreadable,
  };
}
