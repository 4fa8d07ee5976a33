// Writes the create call's outcome onto the saved certification, with its audit entry, in one transaction: pending
// (with the first poll due), refused, or unknown. The answer a member sees is derived from the same outcome.
import type { TenantContext } from "@/lib/core/tenant-context";
import type { CreateOutcome } from "./call-truescreen-create";

/** First poll after creation; the sandbox and the real service usually finish within seconds. */
export const FIRST_POLL_SECONDS = 2;

export interface CreateResult {
  id: string;
  status: "pending" | "error" | "unknown";
  message?: string;
}

/** The raw answer as kept in the audit entry: JSON as it came, text cut at 8,000 characters. */
function keptRaw(raw: unknown): unknown {
  const text = typeof raw === "string" ? raw : JSON.stringify(raw);
  if (text.length <= 8_000) return raw;
  return `${text.slice(0, 8_000)}… (cut; ${text.length} characters in all)`;
}

/** Words for a 2xx create answer that is not the plain documented shape; null when it is. */
function createdNote(outcome: Extract<CreateOutcome, { status: "pending" }>): string | null {
  if (!outcome.unreadable.length) return null;
  return [
    `TrueScreen answered that it created this certification (so its credits were spent), but Certdesk could not read part of the answer: ${outcome.unreadable.join("; ")}.${outcome.raw === undefined ? "" : " The raw answer is kept in the audit log."}`,
    outcome.reportId
      ? ""
      : "Without a report id Certdesk cannot poll it: TrueScreen's webhook for this certification brings the id; if none comes, find it in the TrueScreen portal.",
  ]
    .filter(Boolean)
    .join(" ");
}

export async function settleCertification(
  ctx: TenantContext,
  id: string,
  outcome: CreateOutcome,
): Promise<CreateResult> {
  await ctx.transaction(async (tx) => {
    const data =
      outcome.status === "pending"
        ? {
            status: "pending" as const,
            reportId: outcome.reportId,
            creditsAmount: outcome.creditsAmount,
            // Without a report id there is nothing to poll: TrueScreen's webhook to this certification's own URL
            // brings the id (apply-truescreen-webhook.ts).
            nextPollAt: outcome.reportId ? new Date(Date.now() + FIRST_POLL_SECONDS * 1000) : null,
            errorCode: null,
            errorDetail: null,
            errorMessage: createdNote(outcome),
          }
        : outcome.status === "error"
          ? {
              status: "error" as const,
              errorCode: outcome.errorCode,
              errorDetail: outcome.errorDetail,
              errorMessage: outcome.errorMessage,
            }
          : { status: "unknown" as const, errorMessage: outcome.errorMessage };
    await tx.db.certification.update({ where: { id }, data });
    await tx.audit(
      outcome.status === "pending"
        ? "certification.created"
        : outcome.status === "error"
          ? "certification.refused"
          : "certification.outcome_unknown",
      { type: "certification", id },
      outcome.status === "pending"
        ? {
            reportId: outcome.reportId,
            credits: outcome.creditsAmount,
            // The answer is kept here, as TrueScreen sent it, when part of it could not be read. A sandbox
            // host's answer is not echoed into the audit log (no remote body reaches the user).
            ...(outcome.unreadable.length
              ? {
                  unreadable: outcome.unreadable,
                  ...(outcome.raw === undefined ? {} : { rawAnswer: keptRaw(outcome.raw) }),
                }
              : {}),
          }
        : outcome.status === "error"
          ? { code: outcome.errorCode }
          : {},
    );
  });
  return {
    id,
    status: outcome.status,
    ...(outcome.status === "pending" ? {} : { message: outcome.errorMessage }),
  };
}
