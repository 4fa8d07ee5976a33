// Which SHA-256 engine hashes a file of a given size faster in this browser, from a short timed sample of each.
//
// The order is machine-dependent (on one 2-core machine WebCrypto did 256 MB at 140 MB/s where hash-wasm streaming
// did 88 MB/s; on another, 72 against 115), so the hash workers time the engines on a few MB when they warm up and
// the pool keeps the answer per browser. Pure functions: the timings go in, the choice comes out (tested without a
// browser).
//
// Timing each engine end to end on a few MB misleads: on a small sample hash-wasm cannot overlap reading and hashing
// (one or two slices), and WebCrypto's buffer stays in the CPU caches, so both differ from a 256 MB file. The sample
// times each step of the engines apart instead, and a model of how they combine predicts a file of any size:
//   WebCrypto:  read the whole file into memory, then digest it: the two in sequence.
//   hash-wasm:  the first slice is read, then each slice hashes while the next ones are read: the slower of the two.
import {
  STREAM_SLICE_BYTES,
  type CalibrationSample,
  type CalibrationStep,
  type HashEngine,
} from "./hash-messages";

const MB = 1024 * 1024;

/** Milliseconds per MB of each step, the fastest sample of each (a loaded machine only ever makes a run slower). */
export type StepRates = Record<CalibrationStep, number>;
const STEPS: CalibrationStep[] = ["read-whole", "digest", "read-slices", "wasm-update"];

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
  rates: StepRates;
}

/** A calibration older than this is measured again (browsers update, machines change load). */
export const CALIBRATION_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

export function calibrationKey(userAgent: string, hardwareConcurrency: number): string {
  return `${userAgent}|${hardwareConcurrency}`;
}

export function sizeClassOf(bytes: number): number {
  return SIZE_CLASSES.findIndex((c) => bytes <= c.upTo);
}

/** The fastest rate of each step; null when a step has no usable sample (that engine failed to run here). */
export function stepRates(samples: CalibrationSample[]): StepRates | null {
  const rates: Partial<StepRates> = {};
  for (const s of samples) {
    if (!STEPS.includes(s.step)) continue;
    if (!(Number.isFinite(s.ms) && s.ms >= 0 && Number.isFinite(s.bytes) && s.bytes > 0)) continue;
    const perMB = s.ms / (s.bytes / MB);
    rates[s.step] = Math.min(rates[s.step] ?? Infinity, perMB);
  }
  return STEPS.every((step) => rates[step] !== undefined) ? (rates as StepRates) : null;
}

/** Predicted milliseconds to hash a file of `bytes` with `engine`, by the model at the top of this file. */
export function predictMs(engine: HashEngine, rates: StepRates, bytes: number): number {
  const mb = bytes / MB;
  if (engine === "webcrypto") return mb * (rates["read-whole"] + rates.digest);
  const first = Math.min(bytes, STREAM_SLICE_BYTES) / MB;
  return (
    first * (rates["read-slices"] + rates["wasm-update"]) +
    (mb - first) * Math.max(rates["read-slices"], rates["wasm-update"])
  );
}

/**
 * The engine per size class: the faster by the model, except that WebCrypto (the whole file in memory) is never
 * chosen for a class whose files may exceed the per-file memory limit. Without usable samples of every step, null:
 * the pool then keeps its default rule.
 */
export function chooseEngines(
  samples: CalibrationSample[],
  options: { webCryptoLimit: number; key: string; now: number },
): EngineChoice | null {
  const rates = stepRates(samples);
  if (!rates) return null;
  const byClass = SIZE_CLASSES.map((c): HashEngine => {
    const bytes = Number.isFinite(c.upTo) ? c.upTo : LARGEST_CLASS_BYTES;
    if (bytes > options.webCryptoLimit) return "wasm";
    return predictMs("webcrypto", rates, bytes) <= predictMs("wasm", rates, bytes) ? "webcrypto" : "wasm";
  });
  return { key: options.key, measuredAt: options.now, byClass, rates };
}

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
const isRates = (value: unknown): value is StepRates =>
  typeof value === "object" &&
  value !== null &&
  STEPS.every((step) => {
    const rate = (value as Record<string, unknown>)[step];
    return typeof rate === "number" && Number.isFinite(rate) && rate >= 0;
  });

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
  if (!isRates(choice.rates)) return null;
  const rates = Object.fromEntries(STEPS.map((step) => [step, choice.rates![step]])) as StepRates;
  return { key, measuredAt: choice.measuredAt, byClass: [...choice.byClass], rates };
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
