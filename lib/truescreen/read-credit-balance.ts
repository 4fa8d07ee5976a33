// Reads the balance from GET /v1/credits. No published document gives this answer's shape (the contract only names
// the endpoint, under "Common errors", TS-008), so the plausible variants are read and anything else is "balance not
// readable" rather than a failed connection test: an authenticated 2xx proves the key works (sandbox/README.md).
// Read: a bare number; {credits}, {balance}, {available_credits}, {remaining_credits}, {credits_available},
// {available}, {remaining}, each a number or a numeric text, or an object holding one of those, also under `data`.

const NAMES = [
  "credits",
  "balance",
  "available_credits",
  "remaining_credits",
  "credits_available",
  "credit_balance",
  "available",
  "remaining",
];

function asCount(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return null;
}

/** The credit balance in the answer, or null when none can be read. */
export function readCreditBalance(body: unknown, depth = 0): number | null {
  const direct = asCount(body);
  if (direct !== null) return direct;
  if (depth > 2 || body === null || typeof body !== "object" || Array.isArray(body)) return null;
  const object = body as Record<string, unknown>;
  for (const name of NAMES) {
    if (!(name in object)) continue;
    const found = readCreditBalance(object[name], depth + 1);
    if (found !== null) return found;
  }
  return "data" in object ? readCreditBalance(object.data, depth + 1) : null;
}
