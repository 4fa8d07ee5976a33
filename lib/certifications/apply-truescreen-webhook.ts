// A TrueScreen certification webhook, in the tenant its URL named (the receiver, lib/jobs/receive-truescreen-webhook.ts,
// found the tenant from the URL token and opened this context):
// - the signature is verified with the standardwebhooks library and the tenant's stored whsec_ secret of the
//   environment its connection is on, which also refuses timestamps more than 5 minutes away;
// - a per-certification URL names the certification. This is how a certification.error webhook is matched, since its
//   data is only the problem document, without report_id (truescreen-certification-api.md, "Webhook"); a
//   certification.completed webhook may also bring the report id of a certification whose create answer could not
//   be read or was lost;
// - a per-tenant URL (certifications created before per-certification URLs, and the URL shown in Settings >
//   Connections): the certification is found by the report_id of a completed webhook. A failure webhook names none:
//   it is acknowledged, and the poller settles that certification from GET (which answers TS-014);
// - a webhook-id already applied is acknowledged and changes nothing.
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { z } from "zod";
import type { TenantContext } from "@/lib/core/tenant-context";
import { withTenantSecret } from "@/lib/secrets/with-tenant-secret";
import { certificationState, TrueScreenProblem } from "@/lib/truescreen/client";
import { problemMessage } from "@/lib/truescreen/truescreen-problem";
import { applyLookup } from "./apply-lookup";
import { webhookAnswer as answer, type WebhookAnswer } from "./webhook-answer";

/** What the URL token named, besides the tenant. */
export interface WebhookTarget {
  /** The environment the tenant's TrueScreen connection is on: its signing secret verifies the webhook. */
  environment: "production" | "sandbox";
  /** Set for a per-certification URL. */
  certificationId: string | null;
}

const envelope = z.object({
  type: z.string(),
  timestamp: z.string().optional(),
  data: z.record(z.string(), z.unknown()),
});

/** The problem document of a failure (RFC 9457; TS-xxx code). report_id is not part of it, but old senders add it. */
const problemData = z.object({
  status: z.number().int().optional(),
  code: z.string().nullish(),
  detail: z.string().nullish(),
  report_id: z.string().optional(),
});

export async function applyTrueScreenWebhook(
  ctx: TenantContext,
  target: WebhookTarget,
  headers: Record<string, string>,
  rawBody: string,
): Promise<WebhookAnswer> {
  type Verified = { error: WebhookAnswer } | { payload: unknown };
  // The signing secret of the environment the connection is on: a production secret never verifies sandbox calls.
  const verified = await withTenantSecret<Verified>(
    ctx,
    "truescreen.webhook_secret",
    target.environment,
    async (secret) => {
      if (!secret) return { error: answer(401, "No webhook signing secret is set for this tenant.") };
      try {
        return { payload: new Webhook(secret).verify(rawBody, headers) as unknown };
      } catch (error) {
        if (error instanceof WebhookVerificationError)
          return { error: answer(401, `Webhook refused: ${error.message}.`) };
        return { error: answer(400, "Webhook refused: unreadable signature headers.") };
      }
    },
  );
  if ("error" in verified) return verified.error;

  const parsed = envelope.safeParse(verified.payload);
  if (!parsed.success) return answer(400, "Webhook refused: not a Standard Webhooks envelope.");
  const webhookId = headers["webhook-id"]!;
  const event = parsed.data;

  let certificationId: string;
  let lookup;
  if (event.type === "certification.completed") {
    const state = certificationState.safeParse(event.data);
    if (!state.success || state.data.status !== "completed")
      return answer(400, "Webhook refused: the certification in it is not in the expected shape.");
    const reportId = state.data.report_id;
    const certification = await ctx.db.certification.findFirst({
      where: target.certificationId ? { id: target.certificationId } : { reportId },
      select: { id: true, reportId: true },
    });
    // Not known yet (the create answer may still be on its way): refuse so that TrueScreen retries; the poller
    // settles it anyway.
    if (!certification) return answer(404, "No certification with this report id in this tenant yet.", false);
    if (certification.reportId && certification.reportId !== reportId)
      return answer(400, "Webhook refused: its report id is not this certification's.");
    certificationId = certification.id;
    lookup = { kind: "state" as const, state: state.data };
  } else if (event.type === "certification.error") {
    const problem = problemData.safeParse(event.data);
    if (!problem.success) return answer(400, "Webhook refused: the problem document in it is unreadable.");
    const { status = 500, code = null, detail = null, report_id: reportId } = problem.data;
    let certification: { id: string } | null = null;
    if (target.certificationId) {
      certification = await ctx.db.certification.findFirst({
        where: { id: target.certificationId },
        select: { id: true },
      });
    } else if (reportId) {
      certification = await ctx.db.certification.findFirst({ where: { reportId }, select: { id: true } });
    } else {
      // A per-tenant URL and a real failure webhook (no report_id): nothing says which certification failed.
      return answer(
        202,
        "Received. This failure names no certification (a webhook URL from before per-certification URLs); Certdesk settles it by polling.",
      );
    }
    if (!certification) return answer(404, "No certification with this report id in this tenant yet.", false);
    certificationId = certification.id;
    lookup = {
      kind: "problem" as const,
      problem: new TrueScreenProblem(status, code, detail, problemMessage(status, code, detail)),
    };
  } else {
    return answer(200, `Ignored event type ${event.type}.`);
  }

  const first = await ctx.db.webhookReceipt.createMany({
    data: [{ webhookId, type: event.type }],
    skipDuplicates: true,
  });
  if (first.count === 0) return answer(200, "Already received.");
  try {
    const applied = await applyLookup(ctx, certificationId, lookup, "webhook");
    return answer(200, applied === "unchanged" ? "Nothing to change." : `Certification ${applied}.`);
  } catch (error) {
    // Not applied: forget the receipt so that TrueScreen's retry is applied.
    await ctx.db.webhookReceipt.deleteMany({ where: { webhookId } });
    throw error;
  }
}
