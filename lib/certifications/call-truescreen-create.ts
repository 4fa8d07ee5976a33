// The create call, whichever mode: it spends credits, so its every outcome is named (created, refused, unknown) and
// none is retried here. A lost answer is `unknown`, never silently sent again (architecture.md, money rules).
import {
  CreateOutcomeUnknownError,
  NotSentError,
  TrueScreenProblem,
  type CreatedCertification,
} from "@/lib/truescreen/client";

export type CreateOutcome =
  | {
      status: "pending";
      reportId: string | null;
      creditsAmount: number | null;
      /** What could not be read in the 2xx answer. */
      unreadable: string[];
      /** The raw answer, kept in the audit entry when it came from the production service (undefined otherwise). */
      raw: unknown;
    }
  | { status: "error"; errorCode: string | null; errorDetail: string | null; errorMessage: string }
  | { status: "unknown"; errorMessage: string };

export async function callTrueScreenCreate(
  environment: "production" | "sandbox",
  run: () => Promise<CreatedCertification>,
): Promise<CreateOutcome> {
  try {
    const created = await run();
    return {
      status: "pending",
      reportId: created.report_id,
      creditsAmount: created.credits_amount,
      unreadable: created.unreadable,
      raw: environment === "production" ? created.raw : undefined,
    };
  } catch (error) {
    if (error instanceof TrueScreenProblem)
      return {
        status: "error",
        errorCode: error.code,
        errorDetail: error.detail,
        errorMessage: error.message,
      };
    if (error instanceof NotSentError)
      return {
        status: "error",
        errorCode: null,
        errorDetail: null,
        errorMessage:
          "TrueScreen could not be reached, so nothing was sent and no credits were spent. Try again in a moment.",
      };
    if (error instanceof CreateOutcomeUnknownError) return { status: "unknown", errorMessage: error.message };
    return {
      status: "unknown",
      errorMessage:
        "Certdesk lost track of the create call. TrueScreen may have created this certification: check the TrueScreen portal before certifying again.",
    };
  }
}
