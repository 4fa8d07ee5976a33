// Bulk claims, step one: every CSV row is checked before anything is written or sent. Bad rows are refused with a
// reason and never block the good ones. Raw email and phone are turned into fingerprints here and never stored;
// bulk claims send fingerprints only. A cell too long, or text that was not read as UTF-8, refuses its own row,
// never the file. On a TrustedForm 4.0 tenant each row's intent is built from its fingerprints and the chosen policy,
// and a row with nothing to ask (no email or phone, no Insights, Verify or scan terms) is refused in words.
import { z } from "zod";
import { resolveConnection } from "@/lib/connections/resolve-connection";
import type { TenantContext } from "@/lib/core/tenant-context";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { parseCertificateUrl } from "@/lib/trustedform/certificate-url";
import { emailFingerprint, normalizeLeadPhone, phoneFingerprint } from "@/lib/trustedform/fingerprint";
import { CELL_LABEL, MAX_BATCH_ROWS, MAX_CELL_LENGTH } from "./batch-limits";
import type { AcceptedRow, BatchRow, RefusedRow } from "./batch-row";
import { getScanPolicy } from "./get-scan-policy";
import type { ScanPolicyView } from "./scan-policy-view";
import { buildClaimIntentV4, NO_POLICY_V4 } from "./v4/build-claim-intent-v4";
import { getTrustedFormApiVersion } from "./v4/get-trustedform-api-version";
import type { TrustedFormApiVersion } from "./v4/trustedform-api-version";

const email = z.email();

/** A refused row keeps at most this much of its certificate URL (the refusals are stored with the batch). */
const REFUSED_URL_CHARS = 300;

/** Why a row's cells cannot be used as they are, or null. */
function cellProblem(row: BatchRow): string | null {
  for (const field of Object.keys(MAX_CELL_LENGTH) as Array<keyof typeof MAX_CELL_LENGTH>) {
    const value = row[field] ?? "";
    // U+FFFD stands where a decoder met bytes that were not UTF-8: the data is already lost.
    if (value.includes("\uFFFD"))
      return `The ${CELL_LABEL[field]} contains "\uFFFD" (U+FFFD), which replaces characters that were not read as UTF-8: save the file as UTF-8 and send it again.`;
    const length = value.trim().length;
    if (length > MAX_CELL_LENGTH[field])
      return `The ${CELL_LABEL[field]} is ${length.toLocaleString("en")} characters long; at most ${MAX_CELL_LENGTH[field].toLocaleString("en")}.`;
  }
  return null;
}

/**
 * Checks every row (1 = the first data row) without writing anything: what would be claimed and what is refused,
 * with the policy chosen (policyId) and the API version the rows will speak.
 */
export async function checkBatchRows(
  context: TenantContext,
  rows: BatchRow[],
  policyId?: string,
): Promise<{
  accepted: AcceptedRow[];
  refused: RefusedRow[];
  policy: ScanPolicyView | null;
  apiVersion: TrustedFormApiVersion;
}> {
  if (rows.length === 0) throw new UserFacingError("The file has no data rows.");
  if (rows.length > MAX_BATCH_ROWS)
    throw new UserFacingError(`A batch holds at most ${MAX_BATCH_ROWS} rows; split the file.`);
  const policy = policyId ? await getScanPolicy(context, policyId) : null;
  if (policyId && !policy) throw new UserFacingError("That scan policy was not found.", "not_found");
  const apiVersion = await getTrustedFormApiVersion(context);
  const { origin } = await resolveConnection(context, "trustedform");
  const accepted: AcceptedRow[] = [];
  const refused: RefusedRow[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const number = index + 1;
    const certUrl = (row.certUrl ?? "").trim();
    const refuse = (reason: string) =>
      refused.push({
        row: number,
        certUrl: certUrl.length > REFUSED_URL_CHARS ? `${certUrl.slice(0, REFUSED_URL_CHARS)}…` : certUrl,
        reason,
      });
    const problem = cellProblem(row);
    if (problem) return refuse(problem);
    if (!certUrl) return refuse("The certificate URL is missing.");
    const parsed = parseCertificateUrl(certUrl, origin);
    if (!parsed.ok) return refuse(parsed.reason);
    const rawEmail = (row.email ?? "").trim();
    if (rawEmail && !email.safeParse(rawEmail).success)
      return refuse(`"${rawEmail}" is not a valid email address.`);
    const rawPhone = (row.phone ?? "").trim();
    if (rawPhone && normalizeLeadPhone(rawPhone).length < 7)
      return refuse(`"${rawPhone}" is not a phone number (fewer than 7 digits).`);
    const earlier = seen.get(parsed.certId);
    if (earlier) return refuse(`The same certificate is on row ${earlier}: it is claimed once.`);
    const checked = {
      row: number,
      certId: parsed.certId,
      url: parsed.url,
      emailFingerprint: rawEmail ? emailFingerprint(rawEmail) : null,
      phoneFingerprint: rawPhone ? phoneFingerprint(rawPhone) : null,
      reference: row.reference?.trim() || null,
      vendor: row.vendor?.trim() || null,
    };
    let intent: AcceptedRow["intent"] = null;
    if (apiVersion === "4.0") {
      const built = buildClaimIntentV4(
        {
          ...checked,
          required: policy?.required ?? [],
          forbidden: policy?.forbidden ?? [],
          scanDelimiter: policy?.scanDelimiter ?? null,
        },
        policy?.v4 ?? NO_POLICY_V4,
      );
      if (!built.ok) return refuse(built.reason);
      intent = built.intent;
    }
    seen.set(parsed.certId, number);
    accepted.push({ ...checked, intent });
  });
  // Certificates this tenant has already claimed (or queued) are refused too: a claim is never sent twice by accident.
  const live = new Set<string>();
  const ids = accepted.map((row) => row.certId);
  for (let i = 0; i < ids.length; i += 5000) {
    const found = await context.db.claim.findMany({
      where: { certId: { in: ids.slice(i, i + 5000) }, NOT: { status: "failed" } },
      select: { certId: true },
    });
    for (const claim of found) live.add(claim.certId);
  }
  const fresh = accepted.filter((row) => {
    if (!live.has(row.certId)) return true;
    refused.push({
      row: row.row,
      certUrl: row.url,
      reason: "This certificate was already claimed by this tenant.",
    });
    return false;
  });
  refused.sort((a, b) => a.row - b.row);
  return { accepted: fresh, refused, policy, apiVersion };
}
