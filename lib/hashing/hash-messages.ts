export interface HashRequest {
  id: string;
  file: File;
  webCryptoLimit: number;
}

export type HashWorkerMessage =
  | { type: "progress"; id: string; bytes: number }
  | { type: "done"; id: string; sha256: string; ms: number; engine: "webcrypto" | "wasm" }
  | { type: "error"; id: string; message: string };

/**
 * Files up to this size are hashed by WebCrypto in one call (the whole file in memory, hardware SHA-256); above it
 * they stream through hash-wasm. Measured with scripts/bench/browser-hashing.ts (README, "Benchmarks"): peak memory
 * is about this limit per worker.
 */
export const WEBCRYPTO_LIMIT_BYTES = 64 * 1024 * 1024;
