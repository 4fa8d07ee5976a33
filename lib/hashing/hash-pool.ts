// Hashes many files in parallel across Web Workers (one per core, at most one per file). Each worker takes the next
// file when it finishes one; progress is reported per file. cancel() terminates the workers at once.
//
// Workers are kept between runs: a screen that hashes calls warmHashWorkers() when it opens, so a dropped file starts
// hashing at once (no worker script to fetch and start), and releaseHashWorkers() when it closes.
//
// The engine for each file (WebCrypto in memory or hash-wasm streaming) comes from a calibration: on the first warm-up
// in a browser, one worker times both engines on a few MB, and the choice per file size class is kept in
// localStorage for a week (keyed by user agent and core count). The memory limits always apply on top of it.
import {
  CALIBRATION_MAX_AGE_MS,
  calibrationKey,
  chooseEngines,
  engineFor,
  fitsInMemory,
  readStoredChoice,
  webCryptoBudgetFor,
  type EngineChoice,
} from "./engine-choice";
import {
  WEBCRYPTO_BUDGET_BYTES,
  WEBCRYPTO_LIMIT_BYTES,
  type CalibrationSample,
  type HashEngine,
  type HashRequest,
  type HashWorkerMessage,
  type HashWorkerRequest,
} from "./hash-messages";

export interface HashCallbacks {
  onProgress(id: string, bytes: number): void;
  onDone(id: string, sha256: string, info: { ms: number; engine: HashEngine }): void;
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

const MB = 1024 * 1024;
/** What the calibration times: each step of the engines on 8 MB, three times (well under a second unloaded). */
const CALIBRATION_BYTES = 8 * MB;
const CALIBRATION_REPEATS = 3;
/** A calibration that has not answered by then (a worker stopped, a very busy machine) is given up for this page. */
const CALIBRATION_TIMEOUT_MS = 10_000;
export const CALIBRATION_STORAGE_KEY = "certdesk.hashing.engine-choice.v1";

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

function browserKey(): string {
  return calibrationKey(navigator.userAgent, navigator.hardwareConcurrency || 0);
}

/** localStorage may be missing or refuse access (privacy settings, sandboxed frames): then nothing is kept. */
function storage(): Storage | null {
  try {
    return typeof localStorage === "undefined" ? null : localStorage;
  } catch {
    return null;
  }
}

let choice: EngineChoice | null = null;
let calibrating: Promise<EngineChoice | null> | null = null;
/** The worker timing the engines, and how to give up on it (when it is stopped before it answers). */
let calibration: { worker: Worker; abandon(): void } | null = null;

/** The choice in force: this page's, else the one stored by an earlier page of this browser if still valid. */
function currentChoice(): EngineChoice | null {
  if (choice && Date.now() - choice.measuredAt <= CALIBRATION_MAX_AGE_MS) return choice;
  try {
    choice = readStoredChoice(storage()?.getItem(CALIBRATION_STORAGE_KEY) ?? null, browserKey(), Date.now());
  } catch {
    choice = null;
  }
  return choice;
}

/** Asks one worker to time both engines; the answer (or null) is kept for this page and stored for the next. */
function calibrate(worker: Worker): Promise<EngineChoice | null> {
  return new Promise<EngineChoice | null>((resolve) => {
    const finish = (samples: CalibrationSample[] | null) => {
      calibration = null;
      clearTimeout(timer);
      worker.removeEventListener("message", onMessage);
      worker.removeEventListener("error", onError);
      resolve(
        samples &&
          chooseEngines(samples, {
            webCryptoLimit: WEBCRYPTO_LIMIT_BYTES,
            key: browserKey(),
            now: Date.now(),
          }),
      );
    };
    const onMessage = (event: MessageEvent<HashWorkerMessage>) => {
      if (event.data.type === "calibrated") finish(event.data.samples);
    };
    const onError = () => finish(null);
    const timer = setTimeout(() => finish(null), CALIBRATION_TIMEOUT_MS);
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", onError);
    calibration = { worker, abandon: () => finish(null) };
    const request: HashWorkerRequest = {
      type: "calibrate",
      bytes: CALIBRATION_BYTES,
      repeats: CALIBRATION_REPEATS,
    };
    worker.postMessage(request);
  }).then((measured) => {
    if (measured) {
      choice = measured;
      try {
        storage()?.setItem(CALIBRATION_STORAGE_KEY, JSON.stringify(measured));
      } catch {
        // Storage full or refused: the choice still holds for this page.
      }
    }
    calibrating = null;
    return measured;
  });
}

/** The engine choice in force, for display and tests: null until a calibration has been made or loaded. */
export function hashEngineChoice(): EngineChoice | null {
  return currentChoice();
}

/**
 * Starts one idle worker per core ahead of any file and, the first time in this browser (or once the stored choice
 * is a week old), calibrates the engines on one of them; resolves once both are done. Pair with releaseHashWorkers().
 */
export function warmHashWorkers(): Promise<void> {
  warmers++;
  while (idle.length < workerCount(Number.MAX_SAFE_INTEGER)) idle.push(spawn());
  const first = idle[0]!;
  return Promise.all(idle.map((worker) => ready.get(worker))).then(async () => {
    if (currentChoice()) return;
    calibrating ??= calibrate(first);
    await calibrating;
  });
}

/** The screen that warmed the workers is closing: idle workers stop (busy ones stop when their run ends). */
export function releaseHashWorkers(): void {
  warmers = Math.max(0, warmers - 1);
  if (warmers > 0) return;
  for (const worker of idle.splice(0)) {
    if (calibration?.worker === worker) calibration.abandon();
    worker.terminate();
  }
}

/** An idle worker for a run; not the one calibrating (the run waits for the calibration, and may be cancelled). */
function takeIdle(): Worker | undefined {
  const at = idle.findLastIndex((worker) => worker !== calibration?.worker);
  return at >= 0 ? idle.splice(at, 1)[0] : undefined;
}

function giveBack(worker: Worker): void {
  worker.onmessage = null;
  worker.onerror = null;
  if (warmers > 0 && idle.length < workerCount(Number.MAX_SAFE_INTEGER)) idle.push(worker);
  else worker.terminate();
}

export interface HashOptions {
  /** Every file through this engine (benchmark, tests); otherwise the calibrated choice. Memory limits still apply. */
  engine?: HashEngine;
  webCryptoLimit?: number;
  webCryptoBudget?: number;
  workers?: number;
}

export function hashFiles(
  jobs: Array<{ id: string; file: File }>,
  callbacks: HashCallbacks,
  options: HashOptions = {},
): HashRun {
  const queue = [...jobs];
  const workers: Worker[] = [];
  let cancelled = false;
  let finish!: () => void;
  const done = new Promise<void>((resolve) => (finish = resolve));
  let active = 0;
  const limit = options.webCryptoLimit ?? WEBCRYPTO_LIMIT_BYTES;
  const deviceMemory = (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
  const budget = options.webCryptoBudget ?? webCryptoBudgetFor(WEBCRYPTO_BUDGET_BYTES, deviceMemory);
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
    const memory = { webCryptoLimit: limit, webCryptoBudget: budget, inMemory };
    const engine = !options.engine
      ? engineFor(job.file.size, currentChoice(), memory)
      : fitsInMemory(job.file.size, memory)
        ? options.engine
        : "wasm";
    if (engine === "webcrypto") {
      inMemory += job.file.size;
      held.set(worker, job.file.size);
    }
    const request: HashRequest = { type: "hash", id: job.id, file: job.file, engine };
    worker.postMessage(request);
  };

  const count = options.workers ?? workerCount(jobs.length);
  for (let i = 0; i < count; i++) {
    const worker = takeIdle() ?? spawn();
    workers.push(worker);
    active++;
    worker.onmessage = (event: MessageEvent<HashWorkerMessage>) => {
      const message = event.data;
      if (cancelled || message.type === "ready" || message.type === "calibrated") return;
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
  }
  // A calibration under way decides the engines: the files wait for it (it runs on one of these workers anyway).
  void Promise.resolve(calibrating).then(() => {
    for (const worker of [...workers]) if (!cancelled) next(worker);
  });
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
