// The hashing code in a real browser (Debian's Chromium, as the e2e tests use): the calibration runs once at warm-up,
// its choice is kept and reused by the next page, and both engines (reading ahead in slices) hash files of awkward
// sizes to the same digest as Node's.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SIZE_CLASSES, calibrationKey, type EngineChoice } from "./engine-choice";
import { startHashingPage, type HashingPageApi, type HashingPageResult } from "./testing/hashing-page";

const MB = 1024 * 1024;
let browser: Browser;
let server: Awaited<ReturnType<typeof startHashingPage>>;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "certdesk-hashing-test-"));

function file(name: string, bytes: number): { path: string; sha256: string } {
  const content = crypto.randomBytes(bytes);
  const at = path.join(dir, name);
  fs.writeFileSync(at, content);
  return { path: at, sha256: crypto.createHash("sha256").update(content).digest("hex") };
}

const files = [
  file("empty.bin", 0),
  file("one-byte.bin", 1),
  // Not a whole number of read-ahead slices (4 MB), nor of WebCrypto's reading slices (16 MB).
  file("odd.bin", 4 * MB + 3),
  file("several-slices.bin", 17 * MB + 12345),
];

beforeAll(async () => {
  server = await startHashingPage();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--headless", "--disable-gpu"],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function open(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => "hashing" in window);
  return page;
}

async function stored(page: Page): Promise<string | null> {
  return page.evaluate(
    (key) => localStorage.getItem(key),
    await page.evaluate(() => window.hashing.storageKey),
  );
}

declare global {
  interface Window {
    hashing: HashingPageApi;
  }
}

describe("calibration", () => {
  it("runs once when the workers warm up, is stored for this browser, and the next page reuses it", async () => {
    const context = await browser.newContext();
    const first = await open(context);
    expect(await stored(first)).toBeNull();
    await first.evaluate(() => window.hashing.warm());
    expect(await first.evaluate(() => window.hashing.calibrations())).toBe(1);

    const choice = JSON.parse((await stored(first))!) as EngineChoice;
    const { userAgent, cores } = await first.evaluate(() => ({
      userAgent: navigator.userAgent,
      cores: navigator.hardwareConcurrency,
    }));
    expect(choice.key).toBe(calibrationKey(userAgent, cores));
    expect(choice.byClass).toHaveLength(SIZE_CLASSES.length);
    // Files above the per-file memory limit always stream, whatever was measured.
    expect(choice.byClass.at(-1)).toBe("wasm");
    for (const step of ["read-whole", "digest", "read-slices", "wasm-update"] as const)
      expect(choice.rates[step]).toBeGreaterThan(0);
    expect(await first.evaluate(() => window.hashing.choice())).toEqual(choice);

    // Warming again on the same page (another screen opening) measures nothing more.
    await first.evaluate(() => window.hashing.warm());
    expect(await first.evaluate(() => window.hashing.calibrations())).toBe(1);

    const second = await open(context);
    await second.evaluate(() => window.hashing.warm());
    expect(await second.evaluate(() => window.hashing.calibrations())).toBe(0);
    expect(await second.evaluate(() => window.hashing.choice())).toEqual(choice);
    expect(await stored(second)).toBe(JSON.stringify(choice));
    await context.close();
  }, 60_000);

  it("measures again when the stored choice is a week old, another browser's, or not a choice at all", async () => {
    const context = await browser.newContext();
    const setup = await open(context);
    await setup.evaluate(() => window.hashing.warm());
    const fresh = JSON.parse((await stored(setup))!) as EngineChoice;
    await setup.close();
    const replaced: Array<string> = [
      JSON.stringify({ ...fresh, measuredAt: fresh.measuredAt - 8 * 24 * 3600 * 1000 }),
      JSON.stringify({ ...fresh, key: calibrationKey("Mozilla/5.0 SomeOtherBrowser", 64) }),
      JSON.stringify({ ...fresh, byClass: ["md5", "md5", "md5", "md5"] }),
      "{not json",
    ];
    for (const value of replaced) {
      const page = await open(context);
      const key = await page.evaluate(() => window.hashing.storageKey);
      await page.evaluate(([k, v]) => localStorage.setItem(k!, v!), [key, value]);
      await page.reload();
      await page.waitForFunction(() => "hashing" in window);
      await page.evaluate(() => window.hashing.warm());
      expect(await page.evaluate(() => window.hashing.calibrations()), value).toBe(1);
      const now = JSON.parse((await stored(page))!) as EngineChoice;
      expect(now.key).toBe(fresh.key);
      expect(now.byClass.every((e) => e === "webcrypto" || e === "wasm")).toBe(true);
      await page.close();
    }
    await context.close();
  }, 120_000);

  it("the pool hashes with the stored choice of each size class, within the memory limits", async () => {
    const context = await browser.newContext();
    const page = await open(context);
    const key = await page.evaluate(() => window.hashing.storageKey);
    const browserKey = await page.evaluate(() => `${navigator.userAgent}|${navigator.hardwareConcurrency}`);
    const choice = (byClass: string[]): string =>
      JSON.stringify({
        key: browserKey,
        measuredAt: Date.now(),
        byClass,
        rates: { "read-whole": 1, digest: 1, "read-slices": 1, "wasm-update": 1 },
      });
    const engines = async (value: string, options: Parameters<HashingPageApi["hash"]>[0] = {}) => {
      await page.evaluate(([k, v]) => localStorage.setItem(k!, v!), [key, value]);
      await page.reload();
      await page.waitForFunction(() => "hashing" in window);
      await page.locator("#f").setInputFiles([files[1]!.path, files[2]!.path]);
      await page.evaluate(() => window.hashing.warm());
      expect(await page.evaluate(() => window.hashing.calibrations())).toBe(0);
      const result = (await page.evaluate((o) => window.hashing.hash(o), options)) as HashingPageResult;
      expect(result.errors).toEqual({});
      expect([result.files["0"]!.sha256, result.files["1"]!.sha256]).toEqual([
        files[1]!.sha256,
        files[2]!.sha256,
      ]);
      return [result.files["0"]!.engine, result.files["1"]!.engine];
    };
    // 1 byte is in the first class, 4 MB + 3 in the second.
    expect(await engines(choice(["webcrypto", "wasm", "webcrypto", "wasm"]))).toEqual(["webcrypto", "wasm"]);
    expect(await engines(choice(["wasm", "webcrypto", "wasm", "wasm"]))).toEqual(["wasm", "webcrypto"]);
    // A choice of WebCrypto never overrides the per-file memory limit.
    expect(
      await engines(choice(["webcrypto", "webcrypto", "webcrypto", "wasm"]), { webCryptoLimit: MB }),
    ).toEqual(["webcrypto", "wasm"]);
    await context.close();
  }, 120_000);
});

describe("hashing", () => {
  it.each(["webcrypto", "wasm", undefined] as const)(
    "engine %s: files of 0, 1, 4 MB + 3 and 17 MB + 12345 bytes hash as Node hashes them",
    async (engine) => {
      const context = await browser.newContext();
      const page = await open(context);
      await page.locator("#f").setInputFiles(files.map((f) => f.path));
      await page.evaluate(() => window.hashing.warm());
      const result = (await page.evaluate(
        (e) => window.hashing.hash(e ? { engine: e } : {}),
        engine ?? null,
      )) as HashingPageResult;
      expect(result.errors).toEqual({});
      expect(files.map((_, i) => result.files[String(i)]?.sha256)).toEqual(files.map((f) => f.sha256));
      if (engine) expect(Object.values(result.files).map((f) => f.engine)).toEqual(files.map(() => engine));
      await context.close();
    },
    60_000,
  );
});
