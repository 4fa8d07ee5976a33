// Which SHA-256 engine hashes a file of a given size faster in this browser, from a short timed sample of each.
//
// The order is machine-dependent (on one 2-core machine WebCrypto did 256 MB at 140 MB/s where hash-wasm streaming
// did 88 MB/s; on another, 72 against 115), so the hash workers time both on a few MB when they warm up and the pool
// keeps the answer per browser. Pure functions: the timings go in, the choice comes out (tested without a browser).
import type { HashEngine } from "./hash-messages";

const MB = 1024 * 1024;

/** One timed run of one engine over `bytes` bytes, as the worker measured it. */
export interface EngineSample {
  engine: HashEngine;
  bytes: number;
  ms: number;
}

/** Time to hash a file of n bytes ≈ fixedMs + n × msPerMB / MB. */
export interface EngineModel {
  fixedMs: number;
  msPerMB: number;
}

/**
 * File size classes, each with its own choice. A class's engine is chosen for its largest file (the open class for
 * a file of LARGEST_CLASS_BYTES): large files are where the choice matters.
 */
export const SIZE_CLASSES = [
  { label: "up to 4 MB", upTo: 4 * MB },
  { label: "up to 32 MB", upTo: 32 * MB },
  { label: "up to 256 MB", upTo: 256 * MB },
  { label: "larger", upTo: Infinity },
] as const;
const LARGEST_CLASS_BYTES = 1024 * MB;

export interface EngineChoice {
  /** The browser it was measured in: user agent and core count (a new browser version calibrates again). */
  key: string;
  measuredAt: number;
  /** The engine for each of SIZE_CLASSES, in order. */
  byClass: HashEngine[];
  models: Record<HashEngine, EngineModel>;
}

/** A calibration older than this is measured again (browsers update, machines change load). */
export const CALIBRATION_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export function calibrationKey(userAgent: string, hardwareConcurrency: number): string {
  return `${userAgent}|${hardwareConcurrency}`;
}

export function sizeClassOf(bytes: number): number {
  return SIZE_CLASSES.findIndex((c) => bytes <= c.upTo);
}

/**
 * A straight line through the samples (least squares; the fastest of repeated runs per size, since a loaded machine
 * only ever makes a run slower). Noise that would give a negative slope or fixed cost is clamped: the model then
 * says "proportional to size", the safe reading of a sample too short to show a fixed cost.
 */
export function fitModel(samples: EngineSample[]): EngineModel | null {
  const best = new Map<number, number>();
  for (const s of samples)
    if (Number.isFinite(s.ms) && s.ms >= 0 && Number.isFinite(s.bytes) && s.bytes > 0)
      best.set(s.bytes, Math.min(best.get(s.bytes) ?? Infinity, s.ms));
  const points = [...best].map(([bytes, ms]) => ({ x: bytes / MB, y: ms }));
  if (!points.length) return null;
  const proportional = (): EngineModel => ({
    fixedMs: 0,
    msPerMB: points.reduce((sum, p) => sum + p.y, 0) / points.reduce((sum, p) => sum + p.x, 0),
  });
  if (points.length < 2) return proportional();
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / points.length;
  const meanY = points.reduce((sum, p) => sum + p.y, 0) / points.length;
  const sxx = points.reduce((sum, p) => sum + (p.x - meanX) ** 2, 0);
  const sxy = points.reduce((sum, p) => sum + (p.x - meanX) * (p.y - meanY), 0);
  const slope = sxy / sxx;
  const fixed = meanY - slope * meanX;
  if (!(slope > 0) || fixed < 0) return proportional();
  return { fixedMs: fixed, msPerMB: slope };
}

export function predictMs(model: EngineModel, bytes: number): number {
  return model.fixedMs + (model.msPerMB * bytes) / MB;
}

/**
 * The engine per size class: the faster by the fitted models, except that WebCrypto (the whole file in memory) is
 * never chosen for a class whose files may exceed the per-file memory limit. Without usable samples of both
 * engines, null: the pool then keeps its default rule.
 */
export function chooseEngines(
  samples: EngineSample[],
  options: { webCryptoLimit: number; key: string; now: number },
): EngineChoice | null {
  const webcrypto = fitModel(samples.filter((s) => s.engine === "webcrypto"));
  const wasm = fitModel(samples.filter((s) => s.engine === "wasm"));
  if (!webcrypto || !wasm) return null;
  const byClass = SIZE_CLASSES.map((c): HashEngine => {
    const bytes = Number.isFinite(c.upTo) ? c.upTo : LARGEST_CLASS_BYTES;
    if (bytes > options.webCryptoLimit) return "wasm";
    return predictMs(webcrypto, bytes) <= predictMs(wasm, bytes) ? "webcrypto" : "wasm";
  });
  return { key: options.key, measuredAt: options.now, byClass, models: { webcrypto, wasm } };
}

/**
 * The engine for one file. The memory budget always wins over the calibration: WebCrypto only for a file within the
 * per-file limit and while the files already in memory leave room for it.
 */
export interface MemoryState {
  webCryptoLimit: number;
  webCryptoBudget: number;
  /** Bytes other files hold in memory for WebCrypto right now. */
  inMemory: number;
}

export function fitsInMemory(bytes: number, memory: MemoryState): boolean {
  return bytes <= memory.webCryptoLimit && memory.inMemory + bytes <= memory.webCryptoBudget;
}

export function engineFor(bytes: number, choice: EngineChoice | null, memory: MemoryState): HashEngine {
  if (!fitsInMemory(bytes, memory)) return "wasm";
  return choice?.byClass[sizeClassOf(bytes)] ?? "webcrypto";
}

const isEngine = (value: unknown): value is HashEngine => value === "webcrypto" || value === "wasm";
const isModel = (value: unknown): value is EngineModel =>
  typeof value === "object" &&
  value !== null &&
  Number.isFinite((value as EngineModel).fixedMs) &&
  Number.isFinite((value as EngineModel).msPerMB);

/**
 * A stored calibration, if it is well-formed, was measured in this browser and is not too old. Anything else
 * (another browser's, a future date, hand-edited storage, another version's shape) is ignored and measured again.
 */
export function readStoredChoice(stored: string | null, key: string, now: number): EngineChoice | null {
  if (!stored) return null;
  let value: unknown;
  try {
    value = JSON.parse(stored);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const choice = value as Partial<EngineChoice>;
  if (choice.key !== key) return null;
  if (typeof choice.measuredAt !== "number" || !Number.isFinite(choice.measuredAt)) return null;
  const age = now - choice.measuredAt;
  if (age < 0 || age > CALIBRATION_MAX_AGE_MS) return null;
  if (!Array.isArray(choice.byClass) || choice.byClass.length !== SIZE_CLASSES.length) return null;
  if (!choice.byClass.every(isEngine)) return null;
  if (!choice.models || !isModel(choice.models.webcrypto) || !isModel(choice.models.wasm)) return null;
  return {
    key,
    measuredAt: choice.measuredAt,
    byClass: [...choice.byClass],
    models: { webcrypto: choice.models.webcrypto, wasm: choice.models.wasm },
  };
}

/**
 * The bytes WebCrypto may hold at once across workers: the shipped budget, lowered on a device that reports little
 * memory (navigator.deviceMemory, in GB, Chromium only): at most a quarter of it, since the peak is about twice the
 * bytes held.
 */
export function webCryptoBudgetFor(shippedBudget: number, deviceMemoryGb: number | undefined): number {
  if (typeof deviceMemoryGb !== "number" || !(deviceMemoryGb > 0)) return shippedBudget;
  return Math.min(shippedBudget, (deviceMemoryGb * 1024 * MB) / 4);
}
