// The committed docs/openapi.json is what the schemas generate (so the served document and the committed one never
// drift), and it is a valid OpenAPI 3.1 document by an independent validator.
import fs from "node:fs";
import path from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/v1/openapi.json/route";
import { openApiDocument } from "./openapi";

const committed = path.join(import.meta.dirname, "..", "..", "docs", "openapi.json");

describe("the OpenAPI document", () => {
  it("matches docs/openapi.json (regenerate with `npm run openapi`)", async () => {
    const served = await GET().json();
    const onDisk = JSON.parse(fs.readFileSync(committed, "utf8"));
    expect(served, "docs/openapi.json is stale: run `npm run openapi` and commit it").toEqual(onDisk);
  });

  it("is valid OpenAPI 3.1, with every endpoint secured by a token", async () => {
    const document = openApiDocument();
    const result = await new Validator().validate(
      document as unknown as Parameters<Validator["validate"]>[0],
    );
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    for (const [route, item] of Object.entries(document.paths ?? {}))
      for (const operation of Object.values(item as Record<string, { security?: unknown[] }>))
        expect(operation.security, route).toEqual([{ token: [] }]);
  });
});
