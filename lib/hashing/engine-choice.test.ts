import { describe, expect, it } from "vitest";
import {
  CALIBRATION_MAX_AGE_MS,
  SIZE_CLASSES,
  calibrationKey,
  chooseEngines,
  engineFor,
  fitModel,
  predictMs,
  readStoredChoice,
  sizeClassOf,
  webCryptoBudgetFor,
  type EngineChoice,
  type EngineSample,
} from "./engine-choice";

const MB = 1024 * 1024;
const key = calibrationKey("Mozilla/5.0 Chrome/140", 2);
const now = Date.UTC(2026, 11, 8);
const limits = { webCryptoLimit: 256 * MB, key, now };

/** Samples of an engine that costs `fixedMs` plus `mbps` MB/s, at 2 and 8 MB, twice (the second run slower). */
function engine(name: "webcrypto" | "wasm", mbps: number, fixedMs = 0): EngineSample[] {
  return [2 * MB, 8 * MB, 2 * MB, 8 * MB].map((bytes, i) => ({
    engine: name,
    bytes,
    ms: fixedMs + ((bytes / MB) * 1000) / mbps + (i >= 2 ? 5 : 0),
  }));
}

describe("fitModel", () => {
  it("recovers a fixed cost and a rate from the fastest run of each size", () => {
    const model = fitModel(engine("wasm", 100, 3))!;
    expect(model.fixedMs).toBeCloseTo(3, 6);
    expect(model.msPerMB).toBeCloseTo(10, 6);
    expect(predictMs(model, 100 * MB)).toBeCloseTo(1003, 3);
  });

  it("reads noise that would make the line fall (or start below zero) as proportional to size", () => {
    const noisy: EngineSample[] = [
      { engine: "wasm", bytes: 2 * MB, ms: 40 },
      { engine: "wasm", bytes: 8 * MB, ms: 30 },
    ];
    expect(fitModel(noisy)).toEqual({ fixedMs: 0, msPerMB: 70 / 10 });
    const belowZero: EngineSample[] = [
      { engine: "wasm", bytes: 2 * MB, ms: 1 },
      { engine: "wasm", bytes: 8 * MB, ms: 80 },
    ];
    expect(fitModel(belowZero)!.fixedMs).toBe(0);
  });

  it("ignores samples that are not measurements, and has no model without any", () => {
    expect(
      fitModel([
        { engine: "wasm", bytes: 0, ms: 5 },
        { engine: "wasm", bytes: MB, ms: Number.NaN },
        { engine: "wasm", bytes: MB, ms: -1 },
        { engine: "wasm", bytes: Infinity, ms: 3 },
      ]),
    ).toBeNull();
    expect(fitModel([{ engine: "wasm", bytes: 4 * MB, ms: 40 }])).toEqual({ fixedMs: 0, msPerMB: 10 });
  });
});

describe("chooseEngines", () => {
  it("picks WebCrypto for every class it may hold in memory when it is faster, streaming above the limit", () => {
    const choice = chooseEngines([...engine("webcrypto", 300), ...engine("wasm", 110)], limits)!;
    expect(choice.byClass).toEqual(["webcrypto", "webcrypto", "webcrypto", "wasm"]);
    expect(choice).toMatchObject({ key, measuredAt: now });
  });

  it("picks hash-wasm everywhere on a machine where it is the faster (the order the issue saw reversed)", () => {
    const choice = chooseEngines([...engine("webcrypto", 72), ...engine("wasm", 115)], limits)!;
    expect(choice.byClass).toEqual(["wasm", "wasm", "wasm", "wasm"]);
  });

  it("chooses per size class: a fixed cost decides small files, the rate decides large ones", () => {
    // WebCrypto: 20 ms to start, then 400 MB/s; hash-wasm: no fixed cost, 200 MB/s. Equal at 8 MB.
    const choice = chooseEngines([...engine("webcrypto", 400, 20), ...engine("wasm", 200)], limits)!;
    expect(choice.byClass).toEqual(["wasm", "webcrypto", "webcrypto", "wasm"]);
  });

  it("never puts a class whose files exceed the per-file memory limit in memory", () => {
    const choice = chooseEngines([...engine("webcrypto", 1000), ...engine("wasm", 50)], {
      ...limits,
      webCryptoLimit: 16 * MB,
    })!;
    expect(choice.byClass).toEqual(["webcrypto", "wasm", "wasm", "wasm"]);
  });

  it("makes no choice without samples of both engines (the pool keeps its default)", () => {
    expect(chooseEngines(engine("wasm", 100), limits)).toBeNull();
    expect(chooseEngines([], limits)).toBeNull();
  });
});

describe("engineFor", () => {
  const wasmEverywhere: EngineChoice = {
    key,
    measuredAt: now,
    byClass: ["wasm", "wasm", "wasm", "wasm"],
    models: { webcrypto: { fixedMs: 0, msPerMB: 10 }, wasm: { fixedMs: 0, msPerMB: 5 } },
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
  const stored = chooseEngines([...engine("webcrypto", 72), ...engine("wasm", 115)], limits)!;
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
      JSON.stringify({ ...stored, models: { wasm: stored.models.wasm } }),
      JSON.stringify({ ...stored, models: { ...stored.models, wasm: { fixedMs: "0", msPerMB: 1 } } }),
      JSON.stringify({ ...stored, key: undefined }),
      JSON.stringify({ __proto__: { key }, ...stored, key: 1 }),
    ];
    for (const value of hostile) expect(readStoredChoice(value, key, now), String(value)).toBeNull();
  });
});
