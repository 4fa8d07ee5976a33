import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

function sourceFiles(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    // Tests may drive the simulators; product code may not.
    return /\.(ts|tsx|mts|js|mjs)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [full] : [];
  });
}

describe("architecture", () => {
  it("no product file of app/, lib/ or components/ imports sandbox/ (the product never depends on the simulators)", () => {
    const offenders = ["app", "lib", "components"]
      .flatMap((folder) => sourceFiles(path.resolve(folder)))
      .filter(
        (file) =>
          /from\s+["'](@\/sandbox|(\.\.\/)+sandbox)\//.test(fs.readFileSync(file, "utf8")) ||
          /import\(["'](@\/sandbox|(\.\.\/)+sandbox)\//.test(fs.readFileSync(file, "utf8")),
      );
    expect(offenders).toEqual([]);
  });
});
