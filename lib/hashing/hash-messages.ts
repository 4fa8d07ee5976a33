export type HashEngine = "webcrypto" | "wasm";

export interface HashRequest {
  type: "hash";
  id: string;
  file: File;
  /** webcrypto: the whole file in memory, one digest call; wasm: hash-wasm over slices read ahead, bounded memory. */
  engine: HashEngine;
}

/** Time each engine on generated data of these sizes (each size `repeats` times), to choose between them. */
export interface CalibrateRequest {
  type: "calibrate";
  sizes: number[];
  repeats: number;
}

export type HashWorkerRequest = HashRequest | CalibrateRequest;

export type HashWorkerMessage =
  | { type: "ready" }
  | { type: "progress"; id: string; bytes: number }
  | { type: "done"; id: string; sha256: string; ms: number; engine: HashEngine }
  | { type: "error"; id: string; message: string }
  | { type: "calibrated"; samples: Array<{ engine: HashEngine; bytes: number; ms: number }> };

const MB = 1024 * 1024;

/**
 * Files up to this size may be hashed by WebCrypto in one call: the whole file in memory (about twice its size at
 * the peak). Measured with scripts/bench/browser-hashing.ts (docs/hashing.md): at 256 MB WebCrypto peaked at about
 * 500-700 MB; at 1 GB it was no faster than streaming and peaked at 2.4 GB. Larger files stream through hash-wasm in
 * bounded memory (a 4 GB file peaked at about 330 MB). Below it, the calibration picks the engine.
 */
export const WEBCRYPTO_LIMIT_BYTES = 256 * MB;

/**
 * At most this many bytes are hashed through WebCrypto at once across all workers; a file that would go over it
 * streams through hash-wasm instead. With the limit above, the browser's peak for hashing stays near twice this.
 */
export const WEBCRYPTO_BUDGET_BYTES = 512 * MB;
