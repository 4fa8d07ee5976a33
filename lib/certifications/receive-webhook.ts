// TrueScreen's completion webhook (Standard Webhooks). The URL carries an opaque per-tenant token; the signature is
// verified with the standardwebhooks library and the tenant's stored whsec_ secret, which also refuses timestamps
// more than 5 minutes away. A webhook-id already applied is acknowledged and changes nothing.
import { Webhook, WebhookVerificationError } from "standardwebhooks";
import { z } from "zod";
import { systemDb } from "@/lib/db/client";
import { tenantDb } from "@/lib/db/tenant-scope";
import { withTenantSecret } from "@/lib/secrets/tenant-secrets";
import { certificationState, TrueScreenProblem } from "@/lib/truescreen/client";
import { problemMessage } from "@/lib/truescreen/truescreen-problem";
import { applyLookup } from "./follow-certification";

export interface WebhookAnswer {
  status: number;
  body: { ok: boolean; message: string };
}

const envelope = z.object({
  type: z.string(),
  timestamp: z.string().optional(),
  data: z.record(z.string(), z.unknown()),
});

const problemData = z.object({
  report_id: z.string(),
  status: z.number().int().optional(),
  code: z.string().nullish(),
  detail: z.string().nullish(),
});

const answer = (status: number, message: string, ok = status < 300): WebhookAnswer => ({
  status,
  body: { ok, message },
});

export async function receiveTrueScreenWebhook(
  token: string,
  headers: Record<string, string>,
  rawBody: string,
): Promise<WebhookAnswer> {
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(token)) return answer(404, "Unknown webhook URL.");
  const connection = await systemDb.tenantConnection.findUnique({
    where: { webhookToken: token },
    select: { tenantId: true, service: true, environment: true },
  });
  if (!connection || connection.service !== "truescreen") return answer(404, "Unknown webhook URL.");
  const scope = { tenantId: connection.tenantId, actorId: null };

  type Verified = { error: WebhookAnswer } | { payload: unknown };
  // The signing secret of the environment the connection is on: a production secret never verifies sandbox calls.
  const verified = await withTenantSecret<Verified>(
    scope,
    "truescreen.webhook_secret",
    connection.environment,
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

  let reportId: string;
  let lookup;
  if (event.type === "certification.completed") {
    const state = certificationState.safeParse(event.data);
    if (!state.success || state.data.status !== "completed")
      return answer(400, "Webhook refused: the certification in it is not in the expected shape.");
    reportId = state.data.report_id;
    lookup = { kind: "state" as const, state: state.data };
  } else if (event.type === "certification.error") {
    const problem = problemData.safeParse(event.data);
    if (!problem.success) return answer(400, "Webhook refused: the problem in it has no report_id.");
    const { status = 500, code = null, detail = null } = problem.data;
    reportId = problem.data.report_id;
    lookup = {
      kind: "problem" as const,
      problem: new TrueScreenProblem(status, code, detail, problemMessage(status, code, detail)),
    };
  } else {
    return answer(200, `Ignored event type ${event.type}.`);
  }

  const db = tenantDb(scope);
  const certification = await db.certification.findFirst({ where: { reportId }, select: { id: true } });
  // Not known yet (the create answer may still be on its way): refuse so that TrueScreen retries; the poller
  // settles it anyway.
  if (!certification) return answer(404, "No certification with this report id in this tenant yet.", false);

  const first = await db.webhookReceipt.createMany({
    data: [{ webhookId, type: event.type } as never],
    skipDuplicates: true,
  });
  if (first.count === 0) return answer(200, "Already received.");
  try {
    const applied = await applyLookup(scope, certification.id, lookup, "webhook");
    return answer(200, applied === "unchanged" ? "Nothing to change." : `Certification ${applied}.`);
  } catch (error) {
    // Not applied: forget the receipt so that TrueScreen's retry is applied.
    await db.webhookReceipt.deleteMany({ where: { webhookId } });
    throw error;
  }
}
