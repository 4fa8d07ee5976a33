// TrueScreen's completion webhook. No session: the signature (and the opaque token in the URL) authenticate it.
import { componentLogger, logError } from "@/lib/log/logger";
import { receiveTrueScreenWebhook } from "@/lib/jobs/receive-truescreen-webhook";

const MAX_BODY_BYTES = 1024 * 1024;

export async function POST(request: Request, { params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > MAX_BODY_BYTES)
    return Response.json({ ok: false, message: "Webhook body too large." }, { status: 413 });
  const raw = await request.text();
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES)
    return Response.json({ ok: false, message: "Webhook body too large." }, { status: 413 });
  const headers: Record<string, string> = {};
  for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
    const value = request.headers.get(name);
    if (value) headers[name] = value;
  }
  try {
    const answer = await receiveTrueScreenWebhook(token, headers, raw);
    return Response.json(answer.body, { status: answer.status });
  } catch (error) {
    logError(componentLogger("webhooks"), "a TrueScreen webhook", error);
    return Response.json(
      { ok: false, message: "Certdesk could not apply the webhook; retry later." },
      { status: 500 },
    );
  }
}
