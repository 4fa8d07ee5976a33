// TrueScreen answers errors as RFC 9457 problem documents with a TS-xxx code; a gateway may answer a bare 5xx.
// Each code maps to words and an action a person can follow.
export class TrueScreenProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    readonly detail: string | null,
    message: string,
  ) {
    super(message);
    this.name = "TrueScreenProblem";
  }
}

const MESSAGES: Record<string, string> = {
  "TS-000": "TrueScreen had an internal error. Try again in a few minutes.",
  "TS-001": "TrueScreen could not read the request. This is a Certdesk problem: tell your admin.",
  "TS-002": "TrueScreen refused a field of the request",
  "TS-008":
    "The TrueScreen account has too few credits. Buy credits in the TrueScreen portal, then try again.",
  "TS-009": "This certification was deleted at TrueScreen.",
  "TS-010": "TrueScreen does not know this certification.",
  "TS-011": "TrueScreen found no uploaded files for this batch. Upload the files again.",
  "TS-012":
    "A certification was already created for this upload batch. Check the certifications list before trying again.",
  "TS-013": "Not every file reached TrueScreen. Upload the missing files again, then certify.",
  "TS-014":
    "TrueScreen could not finish this certification (digital signature error). Certify the files again.",
};

export function problemMessage(status: number, code: string | null, detail: string | null): string {
  if (status === 401) return "TrueScreen refused the API key. Check the key in Settings > Connections.";
  if (code && MESSAGES[code])
    return code === "TS-002" && detail ? `${MESSAGES[code]}: ${detail}` : MESSAGES[code]!;
  if (status >= 500)
    return `TrueScreen is not answering normally (HTTP ${status}). Try again in a few minutes.`;
  return `TrueScreen answered HTTP ${status}${detail ? `: ${detail}` : ""}.`;
}

export async function problemFromResponse(response: Response): Promise<TrueScreenProblem> {
  let code: string | null = null;
  let detail: string | null = null;
  if ((response.headers.get("content-type") ?? "").includes("json")) {
    const body = (await response.json().catch(() => null)) as { code?: unknown; detail?: unknown } | null;
    code = typeof body?.code === "string" ? body.code : null;
    detail = typeof body?.detail === "string" ? body.detail : null;
  } else {
    await response.body?.cancel();
  }
  return new TrueScreenProblem(response.status, code, detail, problemMessage(response.status, code, detail));
}
