// Domain events through pg-boss: each worker sends a "tick" to the domain-events queue every second (policy "short":
// at most one waits, however many workers send), and whichever worker takes it hands new events to their consumers
// (dispatch-domain-events.ts). A consumer that throws stops its tenant's page; the next tick tries it again.
import type PgBoss from "pg-boss";
import { dispatchDomainEvents } from "./dispatch-domain-events";
import { DOMAIN_EVENTS_QUEUE } from "./job-queues";

export async function runDomainEventDispatcher(
  boss: PgBoss,
  options: { intervalSeconds: number; log?: (line: string) => void },
) {
  const log = options.log ?? (() => {});
  await boss.work(DOMAIN_EVENTS_QUEUE, { pollingIntervalSeconds: 0.5 }, async () => {
    try {
      const run = await dispatchDomainEvents();
      if (run.events) log(`events: ${run.events} handed to consumers (${run.entries} audit entries read)`);
    } catch (error) {
      log(`domain event dispatch failed: ${error instanceof Error ? error.message : "unknown error"}`);
    }
  });
  const send = () =>
    boss
      .send(DOMAIN_EVENTS_QUEUE, {}, { singletonKey: "tick", retryLimit: 0 })
      .catch((error: Error) => log(`could not queue a domain events tick: ${error.message}`));
  void send();
  const timer = setInterval(() => void send(), options.intervalSeconds * 1000);
  return { stop: () => clearInterval(timer) };
}
