// A Web Worker that hashes one file at a time with SHA-256, off the main thread, with the engine the pool chose:
// WebCrypto's digest (hardware SHA where the CPU has it, but the whole file in memory), or hash-wasm over slices read
// ahead, so memory stays bounded whatever the size. It also times both engines on generated data when the pool asks
// (calibration: which one is faster here depends on the machine). Requests run one after another, in order.
import { createSHA256, type IHasher } from "hash-wasm";
import {
  STREAM_READ_AHEAD,
  STREAM_SLICE_BYTES,
  type CalibrateRequest,
  type CalibrationSample,
  type CalibrationStep,
  type HashEngine,
  type HashRequest,
  type HashWorkerMessage,
  type HashWorkerRequest,
} from "./hash-messages";

const MB = 1024 * 1024;
const post = (message: HashWorkerMessage) => (self as unknown as Worker).postMessage(message);

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

type OnProgress = (bytes: number) => void;

/** WebCrypto's first step: the whole file into fresh memory, in 16 MB slices read four at a time (faster than one
 * arrayBuffer() of the whole file, and it reports progress). */
async function readWhole(file: Blob, onProgress: OnProgress): Promise<Uint8Array<ArrayBuffer>> {
  const whole = new Uint8Array(file.size);
  const SLICE = 16 * MB;
  let offset = 0;
  let bytes = 0;
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (offset < file.size) {
        const at = offset;
        offset += SLICE;
        whole.set(new Uint8Array(await file.slice(at, at + SLICE).arrayBuffer()), at);
        bytes += Math.min(SLICE, file.size - at);
        onProgress(bytes);
      }
    }),
  );
  return whole;
}

async function hashWithWebCrypto(file: Blob, onProgress: OnProgress): Promise<string> {
  return hex(await crypto.subtle.digest("SHA-256", await readWhole(file, onProgress)));
}

/**
 * hash-wasm's reading: slices read ahead while the current one is handled, so the browser reads the file (in its
 * own process) in parallel with the hashing here and the total approaches the slower of the two, not their sum.
 */
async function readSlices(file: Blob, onSlice: (slice: Uint8Array) => void): Promise<void> {
  const pending: Array<Promise<ArrayBuffer>> = [];
  let nextOffset = 0;
  const readNext = () => {
    if (nextOffset >= file.size) return;
    const read = file.slice(nextOffset, nextOffset + STREAM_SLICE_BYTES).arrayBuffer();
    // A failed read is reported when its turn comes; reads after it are abandoned, not left unhandled.
    read.catch(() => undefined);
    pending.push(read);
    nextOffset += STREAM_SLICE_BYTES;
  };
  for (let i = 0; i < STREAM_READ_AHEAD; i++) readNext();
  while (pending.length) {
    const slice = new Uint8Array(await pending.shift()!);
    readNext();
    onSlice(slice);
  }
}

let hasher: IHasher | null = null;

async function hashWithWasm(file: Blob, onProgress: OnProgress): Promise<string> {
  hasher ??= await createSHA256();
  const sha256 = hasher;
  sha256.init();
  let bytes = 0;
  await readSlices(file, (slice) => {
    sha256.update(slice);
    bytes += slice.byteLength;
    onProgress(bytes);
  });
  return sha256.digest("hex");
}

const engines: Record<HashEngine, (file: Blob, onProgress: OnProgress) => Promise<string>> = {
  webcrypto: hashWithWebCrypto,
  wasm: hashWithWasm,
};

async function hash({ id, file, engine }: HashRequest): Promise<void> {
  const started = performance.now();
  let reported = 0;
  const onProgress = (bytes: number) => {
    const now = performance.now();
    if (now - reported < 100 && bytes < file.size) return;
    reported = now;
    post({ type: "progress", id, bytes });
  };
  try {
    const sha256 = await engines[engine](file, onProgress);
    post({ type: "done", id, sha256, ms: performance.now() - started, engine });
  } catch (error) {
    post({
      type: "error",
      id,
      message:
        error instanceof DOMException && error.name === "NotReadableError"
          ? "The file could not be read (moved, deleted or changed while hashing)."
          : error instanceof Error
            ? error.message
            : "The file could not be hashed.",
    });
  }
}

/**
 * Each step of both engines (engine-choice.ts combines them), on generated data read through a Blob as a file is.
 * The steps alternate, so that a burst of load elsewhere does not favour one; a first tiny run of each engine is not
 * timed: it compiles hash-wasm and starts WebCrypto.
 */
async function calibrate({ bytes, repeats }: CalibrateRequest): Promise<void> {
  const samples: CalibrationSample[] = [];
  const size = Math.min(Math.max(STREAM_SLICE_BYTES, bytes), 64 * MB);
  const time = async (step: CalibrationStep, run: () => Promise<unknown> | unknown) => {
    const started = performance.now();
    await run();
    samples.push({ step, bytes: size, ms: performance.now() - started });
  };
  try {
    const data = new Uint8Array(size);
    for (let at = 0; at < size; at += 65536) crypto.getRandomValues(data.subarray(at, at + 65536));
    const blob = new Blob([data]);
    const none = () => undefined;
    for (const engine of ["webcrypto", "wasm"] as const) await engines[engine](blob.slice(0, 65536), none);
    const sha256 = hasher!;
    for (let r = 0; r < repeats; r++) {
      let whole: Uint8Array<ArrayBuffer> | null = null;
      await time("read-whole", async () => (whole = await readWhole(blob, none)));
      await time("read-slices", () => readSlices(blob, none));
      await time("digest", () => crypto.subtle.digest("SHA-256", whole!));
      await time("wasm-update", () => {
        sha256.init();
        for (let at = 0; at < size; at += STREAM_SLICE_BYTES)
          sha256.update(data.subarray(at, at + STREAM_SLICE_BYTES));
        sha256.digest("hex");
      });
    }
  } catch {
    // A step that cannot run here leaves its engine without samples: the pool then keeps its default rule.
  }
  post({ type: "calibrated", samples });
}

let queue = Promise.resolve();
self.onmessage = (event: MessageEvent<HashWorkerRequest>) => {
  const request = event.data;
  queue = queue.then(() => (request.type === "calibrate" ? calibrate(request) : hash(request)));
};

// Said once the module has loaded: the pool's warm-up waits for it.
post({ type: "ready" });
