// Delivers Standard Webhooks callbacks, signed with the npm standardwebhooks library, retried with backoff on
// anything but a 2xx; 410 disables further attempts for that message. The webhook-id stays the same across retries.
import crypto from "node:crypto";
import { Webhook } from "standardwebhooks";

export interface WebhookFaults {
  /** Never deliver (the poller must settle the certification). */
  drop?: boolean;
  /** Deliver every message twice, with the same webhook-id. */
  duplicate?: boolean;
  /** Wait this long before the first attempt, in milliseconds. */
  delayMs?: number;
}

export interface Delivery {
  id: string;
  url: string;
  type: string;
  attempt: number;
  status: number | null;
  error: string | null;
  at: string;
}

export class WebhookSender {
  readonly deliveries: Delivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    private readonly retryDelaysMs: number[],
    private readonly log?: (line: string) => void,
  ) {}

  send(
    url: string,
    secret: string,
    event: { type: string; timestamp: string; data: unknown },
    faults: WebhookFaults,
  ) {
    if (faults.drop) {
      this.deliveries.push({
        id: "dropped",
        url,
        type: event.type,
        attempt: 0,
        status: null,
        error: "dropped by fault injection",
        at: new Date().toISOString(),
      });
      return;
    }
    const id = `msg_${crypto.randomBytes(12).toString("hex")}`;
    const payload = JSON.stringify(event);
    const copies = faults.duplicate ? 2 : 1;
    for (let copy = 0; copy < copies; copy++)
      this.later(
        (faults.delayMs ?? 0) + copy * 50,
        () => void this.attempt(url, secret, id, event.type, payload, 0),
      );
  }

  stop() {
    for (const timer of this.timers) clearTimeout(timer);
  }

  private later(ms: number, run: () => void) {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    this.timers.add(timer);
  }

  private async attempt(
    url: string,
    secret: string,
    id: string,
    type: string,
    payload: string,
    attempt: number,
  ) {
    const timestamp = new Date();
    const signature = new Webhook(secret).sign(id, timestamp, payload);
    let status: number | null = null;
    let error: string | null = null;
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "webhook-id": id,
          "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
          "webhook-signature": signature,
          "user-agent": "TrueScreen-Sandbox-Webhooks/1.0",
        },
        body: payload,
        signal: AbortSignal.timeout(15_000),
      });
      status = response.status;
      await response.body?.cancel();
    } catch (cause) {
      error = cause instanceof Error ? cause.message : String(cause);
    }
    this.deliveries.push({ id, url, type, attempt: attempt + 1, status, error, at: timestamp.toISOString() });
    if (status !== null && status >= 200 && status < 300) return;
    if (status === 410) return;
    const next = this.retryDelaysMs[attempt + 1];
    if (next === undefined) {
      this.log?.(`webhook ${id} to ${url} gave up after ${attempt + 1} attempts`);
      return;
    }
    const jitter = Math.floor(Math.random() * Math.min(1000, next * 0.1));
    this.later(next + jitter, () => void this.attempt(url, secret, id, type, payload, attempt + 1));
  }
}
