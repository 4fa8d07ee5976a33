// npm run openapi: writes docs/openapi.json from the API's zod schemas (lib/api/openapi.ts). A test fails when the
// committed file differs from what this writes.
import fs from "node:fs";
import path from "node:path";
import prettier from "prettier";
import { openApiDocument } from "@/lib/api/openapi";

const target = path.join(import.meta.dirname, "..", "docs", "openapi.json");
// Formatted as `npm run lint` checks it.
fs.writeFileSync(
  target,
  await prettier.format(JSON.stringify(openApiDocument()), {
    ...(await prettier.resolveConfig(target)),
    parser: "json",
  }),
);
console.log(`Wrote ${path.relative(process.cwd(), target)}.`);
