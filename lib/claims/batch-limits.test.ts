import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ACTION_BODY_LIMIT_BYTES,
  BATCH_LIMITS_IN_WORDS,
  MAX_BATCH_FILE_BYTES,
  MAX_BATCH_PAYLOAD_BYTES,
} from "./batch-limits";

describe("bulk claim limits", () => {
  it("match the server action body limit Next.js enforces, with what the browser sends below it", () => {
    const config = fs.readFileSync(path.join(import.meta.dirname, "../../next.config.mjs"), "utf8");
    const [, megabytes] = /bodySizeLimit: "(\d+)mb"/.exec(config) ?? [];
    expect(Number(megabytes) * 1024 * 1024).toBe(ACTION_BODY_LIMIT_BYTES);
    expect(MAX_BATCH_PAYLOAD_BYTES).toBeLessThan(ACTION_BODY_LIMIT_BYTES);
    expect(MAX_BATCH_FILE_BYTES).toBeLessThan(MAX_BATCH_PAYLOAD_BYTES);
  });

  it("are said in words", () => {
    expect(BATCH_LIMITS_IN_WORDS).toBe(
      "At most 50,000 rows and 20 MB per file, saved as UTF-8; split a larger file into several batches.",
    );
  });
});
