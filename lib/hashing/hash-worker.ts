// A Web Worker that hashes one file at a time with SHA-256, off the main thread, with the engine the pool chose:
// WebCrypto's digest (hardware SHA where the CPU has it, but the whole file in memory), or hash-wasm streaming from
// file.stream(), so memory stays bounded whatever the size.
import { createSHA256, type IHasher } from "hash-wasm";
import type { HashRequest, HashWorkerMessage } from "./hash-messages";

const post = (message: HashWorkerMessage) => (self as unknown as Worker).postMessage(message);

function hex(buffer: ArrayBuffer): string {
  return Array.from(new Uint8Array(buffer), (b) => b.toString(16).padStart(2, "0")).join("");
}

let hasher: IHasher | null = null;

self.onmessage = async (event: MessageEvent<HashRequest>) => {
  const { id, file, engine } = event.data;
  const started = performance.now();
  try {
    if (engine === "webcrypto") {
      // Read in 16 MB slices, four at a time, into one buffer (faster than one arrayBuffer() of the whole file,
      // and it reports progress), then one digest.
      const whole = new Uint8Array(file.size);
      const SLICE = 16 * 1024 * 1024;
      let offset = 0;
      let bytes = 0;
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (offset < file.size) {
            const at = offset;
            offset += SLICE;
            whole.set(new Uint8Array(await file.slice(at, at + SLICE).arrayBuffer()), at);
            bytes += Math.min(SLICE, file.size - at);
            post({ type: "progress", id, bytes });
          }
        }),
      );
      const digest = await crypto.subtle.digest("SHA-256", whole);
      post({ type: "done", id, sha256: hex(digest), ms: performance.now() - started, engine: "webcrypto" });
      return;
    }
    hasher ??= await createSHA256();
    hasher.init();
    const reader = file.stream().getReader();
    let bytes = 0;
    let reported = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      hasher.update(value);
      bytes += value.byteLength;
      const now = performance.now();
      if (now - reported > 100) {
        reported = now;
        post({ type: "progress", id, bytes });
      }
    }
    post({ type: "done", id, sha256: hasher.digest("hex"), ms: performance.now() - started, engine: "wasm" });
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
};

// Said once the module has loaded: the pool's warm-up waits for it.
post({ type: "ready" });
