// Hashes many files in parallel across Web Workers (one per core, at most one per file). Each worker takes the next
// file when it finishes one; progress is reported per file. cancel() terminates the workers at once.
//
// Workers are kept between runs: a screen that hashes calls warmHashWorkers() when it opens, so a dropped file starts
// hashing at once (no worker script to fetch and start), and releaseHashWorkers() when it closes.
import {
  WEBCRYPTO_BUDGET_BYTES,
  WEBCRYPTO_LIMIT_BYTES,
  type HashRequest,
  type HashWorkerMessage,
} from "./hash-messages";

export interface HashCallbacks {
  onProgress(id: string, bytes: number): void;
  onDone(id: string, sha256: string, info: { ms: number; engine: "webcrypto" | "wasm" }): void;
  onError(id: string, message: string): void;
}

export interface HashRun {
  done: Promise<void>;
  cancel(): void;
}

export function workerCount(files: number): number {
  const cores = typeof navigator !== "undefined" ? navigator.hardwareConcurrency || 2 : 2;
  return Math.max(1, Math.min(cores, files, 16));
}

const idle: Worker[] = [];
const ready = new WeakMap<Worker, Promise<void>>();
let warmers = 0;

function spawn(): Worker {
  const worker = new Worker(new URL("./hash-worker.ts", import.meta.url), { type: "module" });
  ready.set(
    worker,
    new Promise<void>((resolve) => {
      const onReady = (event: MessageEvent<HashWorkerMessage>) => {
        if (event.data.type !== "ready") return;
        worker.removeEventListener("message", onReady);
        resolve();
      };
      worker.addEventListener("message", onReady);
      // A worker that fails to start never says ready; the run that uses it reports the failure.
      worker.addEventListener("error", () => resolve(), { once: true });
    }),
  );
  return worker;
}

/** Starts one idle worker per core ahead of any file; resolves once they are ready. Pair with releaseHashWorkers(). */
export function warmHashWorkers(): Promise<void> {
  warmers++;
  while (idle.length < workerCount(Number.MAX_SAFE_INTEGER)) idle.push(spawn());
  return Promise.all(idle.map((worker) => ready.get(worker))).then(() => undefined);
}

/** The screen that warmed the workers is closing: idle workers stop (busy ones stop when their run ends). */
export function releaseHashWorkers(): void {
  warmers = Math.max(0, warmers - 1);
  if (warmers === 0) for (const worker of idle.splice(0)) worker.terminate();
}

function giveBack(worker: Worker): void {
  worker.onmessage = null;
  worker.onerror = null;
  if (warmers > 0 && idle.length < workerCount(Number.MAX_SAFE_INTEGER)) idle.push(worker);
  else worker.terminate();
}

export function hashFiles(
  jobs: Array<{ id: string; file: File }>,
  callbacks: HashCallbacks,
  options: { webCryptoLimit?: number; webCryptoBudget?: number; workers?: number } = {},
): HashRun {
  const queue = [...jobs];
  const workers: Worker[] = [];
  let cancelled = false;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  let active = 0;
  const limit = options.webCryptoLimit ?? WEBCRYPTO_LIMIT_BYTES;
  const budget = options.webCryptoBudget ?? WEBCRYPTO_BUDGET_BYTES;
  let inMemory = 0;
  const held = new Map<Worker, number>();

  const next = (worker: Worker) => {
    inMemory -= held.get(worker) ?? 0;
    held.delete(worker);
    const job = queue.shift();
    if (!job || cancelled) {
      const at = workers.indexOf(worker);
      if (at >= 0) workers.splice(at, 1);
      giveBack(worker);
      active--;
      if (active === 0) finish();
      return;
    }
    const inMemoryOk = job.file.size <= limit && inMemory + job.file.size <= budget;
    if (inMemoryOk) {
      inMemory += job.file.size;
      held.set(worker, job.file.size);
    }
    const request: HashRequest = { id: job.id, file: job.file, engine: inMemoryOk ? "webcrypto" : "wasm" };
    worker.postMessage(request);
  };

  const count = options.workers ?? workerCount(jobs.length);
  for (let i = 0; i < count; i++) {
    const worker = idle.pop() ?? spawn();
    workers.push(worker);
    active++;
    worker.onmessage = (event: MessageEvent<HashWorkerMessage>) => {
      const message = event.data;
      if (cancelled || message.type === "ready") return;
      if (message.type === "progress") callbacks.onProgress(message.id, message.bytes);
      else {
        if (message.type === "done")
          callbacks.onDone(message.id, message.sha256, { ms: message.ms, engine: message.engine });
        else callbacks.onError(message.id, message.message);
        next(worker);
      }
    };
    worker.onerror = (event) => {
      event.preventDefault();
      callbacks.onError("*", "The hashing worker stopped unexpectedly. Reload the page and try again.");
    };
    next(worker);
  }
  if (count === 0) finish();

  return {
    done,
    cancel() {
      cancelled = true;
      // Busy workers are stopped mid-file (the only way to stop a digest); they are not reused.
      for (const worker of workers.splice(0)) worker.terminate();
      finish();
    },
  };
}
