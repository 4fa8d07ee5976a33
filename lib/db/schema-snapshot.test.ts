import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { SCHEMA_PATH, SNAPSHOT_PATH } from "./schema-engine";

describe("prisma/schema.prisma", () => {
  it("has a migration for every change (run `npm run db:migration <name>` after editing it)", () => {
    expect(fs.readFileSync(SNAPSHOT_PATH, "utf8")).toBe(fs.readFileSync(SCHEMA_PATH, "utf8"));
  });
});
