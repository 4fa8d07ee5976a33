// GET /api/v1/openapi.json: the API's OpenAPI 3.1 document, generated from its zod schemas. Public: it describes the
// API and holds no tenant data.
import { openApiDocument } from "@/lib/api/openapi";

export const dynamic = "force-static";

export function GET(): Response {
  return new Response(JSON.stringify(openApiDocument(), null, 2), {
    headers: { "content-type": "application/json", "cache-control": "public, max-age=300" },
  });
}
