// The OpenAPI 3.1 document of /api/v1, generated from the same zod schemas the handlers parse with and answer by
// (lib/api/schemas). Served at /api/v1/openapi.json and committed at docs/openapi.json; a test fails when the two
// differ (regenerate with `npm run openapi`).
import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { TOKEN_SCOPES, type TokenScope } from "@/lib/api-tokens/token-scopes";
import { problemSchema } from "./problem";
import { claimBatch, claimBatchCreated, claimBatchRequest } from "./schemas/claim-batches";
import {
  claimCreateRequest,
  claimDetail,
  claimListQuery,
  claimPage,
  decisionRequest,
  decisionResult,
} from "./schemas/claims";
import {
  ARTIFACT_KINDS,
  artifactQuery,
  certificationCreated,
  certificationDetail,
  certificationListQuery,
  certificationPage,
  certifyHashesRequest,
} from "./schemas/certifications";
import { idempotencyKeyHeader, idParam } from "./schemas/common";

export interface Endpoint {
  method: "get" | "post";
  path: string;
  summary: string;
  scope: TokenScope;
  idempotent?: boolean;
}

const problems = (...statuses: number[]) =>
  Object.fromEntries(
    statuses.map((status) => [
      String(status),
      {
        description: "A problem (RFC 9457)",
        content: { "application/problem+json": { schema: problemSchema } },
      },
    ]),
  );

const json = (schema: z.ZodType, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const id = z.object({ id: idParam });
const binary = (type: string, description: string) => ({
  description,
  content: { [type]: { schema: z.string().meta({ format: "binary" }) } },
});

/** Every endpoint, as the docs page lists it. */
export function apiRegistry(): { registry: OpenAPIRegistry; endpoints: Endpoint[] } {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "token", {
    type: "http",
    scheme: "bearer",
    description: `A tenant API token (cdk_…), created by an admin in Settings → API tokens. Scopes: ${TOKEN_SCOPES.join(", ")}.`,
  });
  const endpoints: Endpoint[] = [];
  const add = (
    endpoint: Endpoint,
    request: Parameters<OpenAPIRegistry["registerPath"]>[0]["request"],
    responses: Parameters<OpenAPIRegistry["registerPath"]>[0]["responses"],
  ) => {
    endpoints.push(endpoint);
    registry.registerPath({
      method: endpoint.method,
      path: endpoint.path,
      summary: endpoint.summary,
      description: `Needs the \`${endpoint.scope}\` scope.${endpoint.idempotent ? " Spends money: an Idempotency-Key is required; the same key and body replay the first answer, another body answers 422, a request still in flight 409." : ""}`,
      security: [{ token: [] }],
      request: endpoint.idempotent
        ? { ...request, headers: z.object({ "Idempotency-Key": idempotencyKeyHeader }) }
        : request,
      responses: { ...responses, ...problems(400, 401, 403, 429) },
    });
  };

  add(
    {
      method: "post",
      path: "/claims",
      summary: "Claim a certificate",
      scope: "claims:write",
      idempotent: true,
    },
    { body: { content: { "application/json": { schema: claimCreateRequest } } } },
    {
      201: json(claimDetail, "The claim, settled (claimed, failed or unknown)"),
      ...problems(409, 413, 415, 422),
    },
  );
  add(
    { method: "get", path: "/claims", summary: "List claims", scope: "claims:read" },
    { query: claimListQuery },
    { 200: json(claimPage, "A page of claims, newest first") },
  );
  add(
    { method: "get", path: "/claims/{id}", summary: "Get a claim", scope: "claims:read" },
    { params: id },
    { 200: json(claimDetail, "The claim"), ...problems(404) },
  );
  add(
    {
      method: "post",
      path: "/claims/{id}/decision",
      summary: "Accept or reject a claim",
      scope: "decisions:write",
    },
    { params: id, body: { content: { "application/json": { schema: decisionRequest } } } },
    { 200: json(decisionResult, "The decision (the claim itself needs claims:read)"), ...problems(404, 409) },
  );
  add(
    {
      method: "get",
      path: "/claims/{id}/bundle",
      summary: "Download a claim's evidence bundle",
      scope: "claims:read",
    },
    { params: id },
    { 200: binary("application/zip", "The evidence bundle"), ...problems(404) },
  );
  add(
    {
      method: "post",
      path: "/certifications",
      summary: "Certify SHA-256 digests",
      scope: "certifications:write",
      idempotent: true,
    },
    { body: { content: { "application/json": { schema: certifyHashesRequest } } } },
    {
      201: json(certificationCreated, "The certification, as TrueScreen took it"),
      ...problems(409, 413, 415, 422),
    },
  );
  add(
    { method: "get", path: "/certifications", summary: "List certifications", scope: "certifications:read" },
    { query: certificationListQuery },
    { 200: json(certificationPage, "A page of certifications, newest first") },
  );
  add(
    {
      method: "get",
      path: "/certifications/{id}",
      summary: "Get a certification",
      scope: "certifications:read",
    },
    { params: id },
    { 200: json(certificationDetail, "The certification with its files and artifacts"), ...problems(404) },
  );
  add(
    {
      method: "get",
      path: "/certifications/{id}/artifacts/{kind}",
      summary: "Download an artifact",
      scope: "certifications:read",
    },
    { params: z.object({ id: idParam, kind: z.enum(ARTIFACT_KINDS) }), query: artifactQuery },
    {
      200: binary(
        "application/octet-stream",
        "The archived artifact; X-Content-SHA256 holds its recorded digest, ETag the same digest quoted",
      ),
      206: binary(
        "application/octet-stream",
        "The bytes a Range header (one range, `bytes=`) asked for, with Content-Range; If-Range takes the ETag",
      ),
      307: { description: "Not archived yet: TrueScreen's 60-second URL" },
      ...problems(404, 409, 410, 416, 502),
    },
  );
  add(
    {
      method: "get",
      path: "/certifications/{id}/bundle",
      summary: "Download a certification's evidence bundle",
      scope: "certifications:read",
    },
    { params: id },
    { 200: binary("application/zip", "The evidence bundle"), ...problems(404) },
  );
  add(
    {
      method: "post",
      path: "/claim-batches",
      summary: "Claim many certificates",
      scope: "claims:write",
      idempotent: true,
    },
    { body: { content: { "application/json": { schema: claimBatchRequest } } } },
    {
      201: json(claimBatchCreated, "The batch: rows queued and rows refused"),
      ...problems(409, 413, 415, 422),
    },
  );
  add(
    { method: "get", path: "/claim-batches/{id}", summary: "Follow a batch", scope: "claims:read" },
    { params: id },
    { 200: json(claimBatch, "The batch's progress"), ...problems(404) },
  );
  return { registry, endpoints };
}

export function openApiDocument() {
  const { registry } = apiRegistry();
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Certdesk API",
      version: "1.0.0",
      description:
        "Claim TrustedForm certificates, certify evidence with TrueScreen, and follow both, as a tenant. Errors are RFC 9457 problem documents with stable `type` URIs (https://certdesk.dev/problems/…). See docs/api.md.",
    },
    servers: [{ url: "/api/v1" }],
  });
}
