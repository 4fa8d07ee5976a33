// Bulk claims, step one: every CSV row is checked before anything is sent. Bad rows are refused with a reason and
// never block the good ones; the good ones become queued Claim rows of a batch, in one transaction, for the
// worker to claim. Raw email and phone are turned into fingerprints here and never stored; bulk claims send
// fingerprints only. A cell too long, or text that was not read as UTF-8, refuses its own row, never the file.
import { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { resolveConnection } from "@/lib/connections/resolve-connection";
import { tenantDb } from "@/lib/db/tenant-scope";
import type { TenantContext } from "@/lib/core/tenant-context";
import type { MemberActor as LegacyActor } from "@/lib/members/member-actor";

// TRANSITION (Tenancy issue)
type MemberActor = LegacyActor & TenantContext;
import { parseCertificateUrl } from "@/lib/trustedform/certificate-url";
import { emailFingerprint, normalizeLeadPhone, phoneFingerprint } from "@/lib/trustedform/fingerprint";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { CELL_LABEL, MAX_BATCH_ROWS, MAX_CELL_LENGTH } from "./batch-limits";
import { getClaimSettings, MAX_CLAIM_CONCURRENCY, MIN_CLAIM_CONCURRENCY } from "./claim-settings";
import { getScanPolicy } from "./scan-policies";

export { MAX_BATCH_ROWS };

// No length limit here: one over-long cell must refuse its row (checkBatchRows), not fail the whole array. The
// action's body limit (next.config.mjs) bounds the total.
export const batchRow = z.object({
  certUrl: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  reference: z.string().optional(),
  vendor: z.string().optional(),
});
export type BatchRow = z.infer<typeof batchRow>;

export interface RefusedRow {
  row: number;
  certUrl: string;
  reason: string;
}

export interface AcceptedRow {
  row: number;
  certId: string;
  url: string;
  emailFingerprint: string | null;
  phoneFingerprint: string | null;
  reference: string | null;
  vendor: string | null;
}

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

/** Checks every row (1 = the first data row) without writing anything: what would be claimed and what is refused. */
export async function checkBatchRows(
  actor: MemberActor,
  rows: BatchRow[],
): Promise<{ accepted: AcceptedRow[]; refused: RefusedRow[] }> {
  if (rows.length === 0) throw new UserFacingError("The file has no data rows.");
  if (rows.length > MAX_BATCH_ROWS)
    throw new UserFacingError(`A batch holds at most ${MAX_BATCH_ROWS} rows; split the file.`);
  const { origin } = await resolveConnection(actor, "trustedform");
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
    seen.set(parsed.certId, number);
    accepted.push({
      row: number,
      certId: parsed.certId,
      url: parsed.url,
      emailFingerprint: rawEmail ? emailFingerprint(rawEmail) : null,
      phoneFingerprint: rawPhone ? phoneFingerprint(rawPhone) : null,
      reference: row.reference?.trim() || null,
      vendor: row.vendor?.trim() || null,
    });
  });
  // Certificates this tenant has already claimed (or queued) are refused too: a claim is never sent twice by accident.
  const live = new Set<string>();
  const ids = accepted.map((row) => row.certId);
  for (let i = 0; i < ids.length; i += 5000) {
    const found = await tenantDb(actor).claim.findMany({
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
  return { accepted: fresh, refused };
}

export async function createClaimBatch(
  actor: MemberActor,
  input: { fileName: string; rows: BatchRow[]; policyId?: string; concurrency?: number },
): Promise<{ batchId: string; accepted: number; refused: RefusedRow[] }> {
  const { accepted, refused } = await checkBatchRows(actor, input.rows);
  if (accepted.length === 0) throw new UserFacingError("No row of the file can be claimed; see the reasons.");
  const policy = input.policyId ? await getScanPolicy(actor, input.policyId) : null;
  if (input.policyId && !policy) throw new UserFacingError("That scan policy was not found.", "not_found");
  // The tenant's setting (Settings > Scan policies > Claim settings), unless the caller sets it (benchmarks).
  const concurrency = Math.min(
    Math.max(input.concurrency ?? (await getClaimSettings(actor)).concurrency, MIN_CLAIM_CONCURRENCY),
    MAX_CLAIM_CONCURRENCY,
  );
  return tenantDb(actor).$transaction(
    async (tx) => {
      const batch = await tx.claimBatch.create({
        data: {
          fileName: input.fileName.slice(0, 200),
          totalRows: input.rows.length,
          acceptedRows: accepted.length,
          refused: refused as object[],
          concurrency,
          createdById: actor.actorId,
          createdByEmail: actor.actorEmail,
        } as never,
      });
      await tx.claim.createMany({
        data: accepted.map((row) => ({
          batchId: batch.id,
          rowNumber: row.row,
          certId: row.certId,
          certUrl: row.url,
          vendor: row.vendor,
          reference: row.reference,
          emailFingerprint: row.emailFingerprint,
          phoneFingerprint: row.phoneFingerprint,
          policyId: policy?.id ?? null,
          policyName: policy?.name ?? null,
          requiredTerms: policy?.required ?? [],
          forbiddenTerms: policy?.forbidden ?? [],
          scanDelimiter: policy?.scanDelimiter ?? null,
          status: "queued" as const,
          createdById: actor.actorId,
          createdByEmail: actor.actorEmail,
        })) as never,
      });
      await appendAuditEntry(
        {
          tenantId: actor.tenantId,
          actorId: actor.actorId,
          actorEmail: actor.actorEmail,
          action: "claims.batch_created",
          targetType: "claim_batch",
          targetId: batch.id,
          details: {
            fileName: input.fileName,
            total: input.rows.length,
            accepted: accepted.length,
            refused: refused.length,
          },
        },
        tx,
      );
      return { batchId: batch.id, accepted: accepted.length, refused };
    },
    { timeout: 60_000 },
  );
}
