// What the TrueScreen webhook receiver answers: a status TrueScreen acts on (2xx: done; 404 and 5xx: retried later)
// and a short message for whoever reads the delivery log.
export interface WebhookAnswer {
  status: number;
  body: { ok: boolean; message: string };
}

export function webhookAnswer(status: number, message: string, ok = status < 300): WebhookAnswer {
  return { status, body: { ok, message } };
}

/** A URL token that names no tenant or certification: the same answer whatever was wrong with it. */
export const UNKNOWN_WEBHOOK_URL = webhookAnswer(404, "Unknown webhook URL.");
