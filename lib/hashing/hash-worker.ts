// A Web Worker that hashes one file at a time with SHA-256, off the main thread, with the engine the pool chose:
// WebCrypto's digest (hardware SHA where the CPU has it, but the whole file in memory), or hash-wasm over slices read
// ahead, so memory stays bounded whatever the size. It also times both engines on generated data when the pool asks
// (calibration: which one is faster here depends on the machine). Requests run one after another, in order.
import { createSHA256, type IHasher } from "hash-wasm";
import type {
  CalibrateRequest,
  HashEngine,
  HashRequest,
  HashWorkerMessage,
  HashWorkerRequest,
} from "./hash-messages";

const MB = 1024 * 1024;
const post = (message: HashWorkerMessage) => (self as unknown as Worker).postMessage(message);

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

type OnProgress = (bytes: number) => void;

/** Read in 16 MB slices, four at a time, into one buffer (faster than one arrayBuffer() of the whole file, and it
 * reports progress), then one digest. */
async function hashWithWebCrypto(file: Blob, onProgress: OnProgress): Promise<string> {
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
  return hex(await crypto.subtle.digest("SHA-256", whole));
}

let hasher: IHasher | null = null;
/** Slices read ahead while the current one hashes: the browser reads the file (in its own process) in parallel with
 * the hashing here, so the total approaches the slower of the two rather than their sum. */
const STREAM_SLICE_BYTES = 4 * MB;
const STREAM_READ_AHEAD = 2;

async function hashWithWasm(file: Blob, onProgress: OnProgress): Promise<string> {
  hasher ??= await createSHA256();
  hasher.init();
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
  let bytes = 0;
  while (pending.length) {
    const slice = new Uint8Array(await pending.shift()!);
    readNext();
    hasher.update(slice);
    bytes += slice.byteLength;
    onProgress(bytes);
  }
  return hasher.digest("hex");
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
 * Each engine over generated data, through the same code a file goes through (read from a Blob, then hashed), the
 * engines alternating so that a burst of load elsewhere does not favour one. A first tiny run of each is not timed:
 * it compiles hash-wasm and starts WebCrypto.
 */
async function calibrate({ sizes, repeats }: CalibrateRequest): Promise<void> {
  const samples: Array<{ engine: HashEngine; bytes: number; ms: number }> = [];
  try {
    const largest = Math.max(0, ...sizes.filter((s) => Number.isFinite(s) && s > 0 && s <= 64 * MB));
    const data = new Uint8Array(largest);
    for (let at = 0; at < largest; at += 65536) crypto.getRandomValues(data.subarray(at, at + 65536));
    const blob = new Blob([data]);
    const none = () => undefined;
    for (const engine of ["webcrypto", "wasm"] as const) await engines[engine](blob.slice(0, 65536), none);
    for (let r = 0; r < repeats; r++)
      for (const bytes of sizes) {
        if (!(bytes > 0 && bytes <= largest)) continue;
        const order: HashEngine[] = r % 2 ? ["wasm", "webcrypto"] : ["webcrypto", "wasm"];
        for (const engine of order) {
          const started = performance.now();
          await engines[engine](blob.slice(0, bytes), none);
          samples.push({ engine, bytes, ms: performance.now() - started });
        }
      }
  } catch {
    // An engine that cannot run here gives no samples: the pool then keeps its default rule.
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
