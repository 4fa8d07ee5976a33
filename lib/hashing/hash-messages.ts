export interface HashRequest {
  id: string;
  file: File;
  /** webcrypto: the whole file in memory, one digest call; wasm: hash-wasm over file.stream(), bounded memory. */
  engine: "webcrypto" | "wasm";
}

export type HashWorkerMessage =
  | { type: "ready" }
  | { type: "progress"; id: string; bytes: number }
  | { type: "done"; id: string; sha256: string; ms: number; engine: "webcrypto" | "wasm" }
  | { type: "error"; id: string; message: string };

const MB = 1024 * 1024;

/**
 * Files up to this size may be hashed by WebCrypto in one call: the whole file in memory (about twice its size at
 * the peak). Measured with scripts/bench/browser-hashing.ts (README "Benchmarks"): at 256 MB WebCrypto was up to
 * twice as fast as hash-wasm streaming for a peak of about 500-700 MB; at 1 GB it was no faster and peaked at 2.4 GB. Larger
 * files stream through hash-wasm in bounded memory (a 4 GB file peaked at about 330 MB).
 */
export const WEBCRYPTO_LIMIT_BYTES = 256 * MB;

/**
 * At most this many bytes are hashed through WebCrypto at once across all workers; a file that would go over it
 * streams through hash-wasm instead. With the limit above, the browser's peak for hashing stays near twice this.
 */
export const WEBCRYPTO_BUDGET_BYTES = 512 * MB;
