export type HashEngine = "webcrypto" | "wasm";

export interface HashRequest {
  type: "hash";
  id: string;
  file: File;
  /** webcrypto: the whole file in memory, one digest call; wasm: hash-wasm over slices read ahead, bounded memory. */
  engine: HashEngine;
}

/** Time each step of both engines on `bytes` of generated data, `repeats` times, to choose between them. */
export interface CalibrateRequest {
  type: "calibrate";
  bytes: number;
  repeats: number;
}

/**
 * The steps the engines are made of: WebCrypto reads the whole file into fresh memory (read-whole), then digests it
 * (digest); hash-wasm reads slices ahead (read-slices) while it hashes the current one (wasm-update).
 */
export type CalibrationStep = "read-whole" | "digest" | "read-slices" | "wasm-update";
export interface CalibrationSample {
  step: CalibrationStep;
  bytes: number;
  ms: number;
}

/** hash-wasm streaming reads slices of this size, this many ahead of the one being hashed. */
export const STREAM_SLICE_BYTES = 4 * 1024 * 1024;
export const STREAM_READ_AHEAD = 2;

export type HashWorkerRequest = HashRequest | CalibrateRequest;

export type HashWorkerMessage =
  | { type: "ready" }
  | { type: "progress"; id: string; bytes: number }
  | { type: "done"; id: string; sha256: string; ms: number; engine: HashEngine }
  | { type: "error"; id: string; message: string }
  | { type: "calibrated"; samples: CalibrationSample[] };

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
