import { describe, expect, it } from "vitest";
import {
  CALIBRATION_MAX_AGE_MS,
  SIZE_CLASSES,
  calibrationKey,
  chooseEngines,
  engineFor,
  predictMs,
  readStoredChoice,
  sizeClassOf,
  webCryptoBudgetFor,
  type EngineChoice,
  stepRates,
  type StepRates,
} from "./engine-choice";
import type { CalibrationSample } from "./hash-messages";

const MB = 1024 * 1024;
const key = calibrationKey("Mozilla/5.0 Chrome/140", 2);
const now = Date.UTC(2026, 11, 8);
const limits = { webCryptoLimit: 256 * MB, key, now };

/** Three rounds of 8 MB samples of each step at the given ms per MB (later rounds slower, as under load). */
function samples(perMB: StepRates): CalibrationSample[] {
  return [0, 1, 2].flatMap((round) =>
    (Object.keys(perMB) as Array<keyof StepRates>).map((step) => ({
      step,
      bytes: 8 * MB,
      ms: 8 * perMB[step] + round * 7,
    })),
  );
}

describe("stepRates", () => {
  it("keeps the fastest sample of each step, per MB", () => {
    expect(stepRates(samples({ "read-whole": 3, digest: 2, "read-slices": 2.5, "wasm-update": 8 }))).toEqual({
      "read-whole": 3,
      digest: 2,
      "read-slices": 2.5,
      "wasm-update": 8,
    });
  });

  it("ignores samples that are not measurements or of unknown steps, and has no rates without every step", () => {
    const good = samples({ "read-whole": 3, digest: 2, "read-slices": 2.5, "wasm-update": 8 });
    const garbage = [
      { step: "digest", bytes: 0, ms: 0 },
      { step: "digest", bytes: 8 * MB, ms: Number.NaN },
      { step: "digest", bytes: 8 * MB, ms: -1 },
      { step: "digest", bytes: Infinity, ms: 0 },
      { step: "md5", bytes: 8 * MB, ms: 0 },
    ] as CalibrationSample[];
    expect(stepRates([...good, ...garbage])).toEqual(stepRates(good));
    expect(stepRates(good.filter((s) => s.step !== "wasm-update"))).toBeNull();
    expect(stepRates(garbage)).toBeNull();
    expect(stepRates([])).toBeNull();
  });
});

describe("predictMs", () => {
  const rates: StepRates = { "read-whole": 3, digest: 2, "read-slices": 3, "wasm-update": 8 };
  it("WebCrypto reads the whole file, then digests it: the two in sequence", () => {
    expect(predictMs("webcrypto", rates, 256 * MB)).toBe(256 * 5);
  });
  it("hash-wasm waits for the first slice, then hashes while it reads: the slower of the two", () => {
    expect(predictMs("wasm", rates, 256 * MB)).toBe(4 * (3 + 8) + 252 * 8);
    expect(predictMs("wasm", { ...rates, "read-slices": 10 }, 256 * MB)).toBe(4 * 18 + 252 * 10);
    expect(predictMs("wasm", rates, MB)).toBe(11);
    expect(predictMs("wasm", rates, 0)).toBe(0);
  });
});

describe("chooseEngines", () => {
  it("picks WebCrypto for every class it may hold in memory when it is faster, streaming above the limit", () => {
    // A CPU with SHA instructions: WebCrypto digests at 500 MB/s, hash-wasm at 125 MB/s.
    const choice = chooseEngines(
      samples({ "read-whole": 3, digest: 2, "read-slices": 3, "wasm-update": 8 }),
      limits,
    )!;
    expect(choice.byClass).toEqual(["webcrypto", "webcrypto", "webcrypto", "wasm"]);
    expect(choice).toMatchObject({ key, measuredAt: now });
  });

  it("picks hash-wasm everywhere on a machine where it is the faster (the order the issue saw reversed)", () => {
    // Fresh memory is dear here: the whole-file read and the digest make WebCrypto 72 MB/s; hash-wasm does 115.
    const choice = chooseEngines(
      samples({ "read-whole": 8, digest: 5.9, "read-slices": 3, "wasm-update": 8.7 }),
      limits,
    )!;
    expect(choice.byClass).toEqual(["wasm", "wasm", "wasm", "wasm"]);
  });

  it("chooses per size class: the overlap of reading and hashing only pays on files of several slices", () => {
    // WebCrypto 6 ms/MB in all; hash-wasm 3 + 5 on the first slice, then 5.
    const choice = chooseEngines(
      samples({ "read-whole": 3, digest: 3, "read-slices": 3, "wasm-update": 5 }),
      limits,
    )!;
    expect(choice.byClass).toEqual(["webcrypto", "wasm", "wasm", "wasm"]);
  });

  it("never puts a class whose files exceed the per-file memory limit in memory", () => {
    const choice = chooseEngines(
      samples({ "read-whole": 1, digest: 1, "read-slices": 3, "wasm-update": 20 }),
      {
        ...limits,
        webCryptoLimit: 16 * MB,
      },
    )!;
    expect(choice.byClass).toEqual(["webcrypto", "wasm", "wasm", "wasm"]);
  });

  it("makes no choice without samples of every step (the pool keeps its default)", () => {
    const partial = samples({ "read-whole": 3, digest: 2, "read-slices": 3, "wasm-update": 8 }).filter(
      (s) => s.step !== "digest",
    );
    expect(chooseEngines(partial, limits)).toBeNull();
    expect(chooseEngines([], limits)).toBeNull();
  });
});

describe("engineFor", () => {
  const wasmEverywhere: EngineChoice = {
    key,
    measuredAt: now,
    byClass: ["wasm", "wasm", "wasm", "wasm"],
    rates: { "read-whole": 3, digest: 2, "read-slices": 3, "wasm-update": 8 },
  };
  const webCryptoEverywhere: EngineChoice = {
    ...wasmEverywhere,
    byClass: SIZE_CLASSES.map(() => "webcrypto"),
  };
  const memory = { webCryptoLimit: 256 * MB, webCryptoBudget: 512 * MB, inMemory: 0 };

  it("follows the calibration for the file's size class", () => {
    expect(engineFor(100 * MB, wasmEverywhere, memory)).toBe("wasm");
    expect(engineFor(100 * MB, webCryptoEverywhere, memory)).toBe("webcrypto");
    expect(sizeClassOf(4 * MB)).toBe(0);
    expect(sizeClassOf(4 * MB + 1)).toBe(1);
    expect(sizeClassOf(10 * 1024 * MB)).toBe(3);
  });

  it("keeps the memory budget whatever the calibration says", () => {
    // Over the per-file limit.
    expect(engineFor(256 * MB + 1, webCryptoEverywhere, memory)).toBe("wasm");
    // Within the limit, but other files already hold most of the budget.
    expect(engineFor(200 * MB, webCryptoEverywhere, { ...memory, inMemory: 400 * MB })).toBe("wasm");
    expect(engineFor(112 * MB, webCryptoEverywhere, { ...memory, inMemory: 400 * MB })).toBe("webcrypto");
  });

  it("without a calibration, WebCrypto within the memory limits (the rule shipped before it)", () => {
    expect(engineFor(100 * MB, null, memory)).toBe("webcrypto");
    expect(engineFor(300 * MB, null, memory)).toBe("wasm");
  });

  it("a device that reports little memory gets a smaller budget, never a larger one", () => {
    expect(webCryptoBudgetFor(512 * MB, 1)).toBe(256 * MB);
    expect(webCryptoBudgetFor(512 * MB, 0.25)).toBe(64 * MB);
    expect(webCryptoBudgetFor(512 * MB, 8)).toBe(512 * MB);
    expect(webCryptoBudgetFor(512 * MB, undefined)).toBe(512 * MB);
    expect(webCryptoBudgetFor(512 * MB, -4)).toBe(512 * MB);
    expect(webCryptoBudgetFor(512 * MB, Number.NaN)).toBe(512 * MB);
  });
});

describe("readStoredChoice", () => {
  const stored = chooseEngines(
    samples({ "read-whole": 8, digest: 6, "read-slices": 3, "wasm-update": 9 }),
    limits,
  )!;
  const json = JSON.stringify(stored);

  it("reuses this browser's calibration while it is fresh", () => {
    expect(readStoredChoice(json, key, now + 60_000)).toEqual(stored);
  });

  it("measures again once it is a week old, or dated in the future", () => {
    expect(readStoredChoice(json, key, now + CALIBRATION_MAX_AGE_MS + 1)).toBeNull();
    expect(readStoredChoice(json, key, now - 1)).toBeNull();
  });

  it("ignores another browser's calibration (another version or core count)", () => {
    expect(readStoredChoice(json, calibrationKey("Mozilla/5.0 Chrome/141", 2), now)).toBeNull();
    expect(readStoredChoice(json, calibrationKey("Mozilla/5.0 Chrome/140", 8), now)).toBeNull();
  });

  it("ignores storage that is not a calibration of this shape (hand-edited, another version's, garbage)", () => {
    const hostile = [
      null,
      "",
      "not json",
      "null",
      "42",
      '"webcrypto"',
      "[]",
      JSON.stringify({ ...stored, byClass: ["webcrypto", "webcrypto", "webcrypto", "sha1"] }),
      JSON.stringify({ ...stored, byClass: ["webcrypto"] }),
      JSON.stringify({ ...stored, byClass: "webcrypto" }),
      JSON.stringify({ ...stored, measuredAt: "yesterday" }),
      JSON.stringify({ ...stored, rates: undefined }),
      JSON.stringify({ ...stored, rates: { digest: 1 } }),
      JSON.stringify({ ...stored, rates: { ...stored.rates, digest: "1" } }),
      JSON.stringify({ ...stored, rates: { ...stored.rates, digest: -1 } }),
      JSON.stringify({ ...stored, key: undefined }),
      JSON.stringify({ __proto__: { key }, ...stored, key: 1 }),
    ];
    for (const value of hostile) expect(readStoredChoice(value, key, now), String(value)).toBeNull();
  });
});
