// SIGTERM and SIGINT stop a Certdesk process once, gracefully: `stop` drains what is in flight, then the process
// exits 0 (1 when stopping failed). A second signal while stopping changes nothing: the supervisor (or the
// container runtime) decides when to kill.
import type { Logger } from "@/lib/log/logger";

export function stopOnSignals(stop: (signal: NodeJS.Signals) => Promise<void>, log: Logger): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping: finishing the work in flight");
    stop(signal).then(
      () => {
        log.info("stopped");
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, "stopping failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
