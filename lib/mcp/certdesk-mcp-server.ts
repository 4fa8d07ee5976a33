// The MCP server of one request (stateless streamable HTTP, app/api/mcp/route.ts): Certdesk's tools, acting in the
// token's tenant. Each tool's input schema is built from the public API's zod schemas (lib/api/schemas), each tool
// checks the scope it needs, each call is audited (`mcp.tool_called`, under the token's name), and the tools that
// spend money take an idempotencyKey argument with the API's rules (lib/api/idempotency.ts). Errors come back as the
// API's problem documents, in a tool result marked isError.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { hasScope, type TokenScope } from "@/lib/api-tokens/token-scopes";
import { runIdempotent, type ApiAnswer } from "@/lib/api/idempotency";
import { problem, problemFromError, type Problem } from "@/lib/api/problem";
import { toCertificationDetail, certifyHashesRequest } from "@/lib/api/schemas/certifications";
import { claimCreateRequest, claimListQuery, toClaimDetail, toClaimSummary } from "@/lib/api/schemas/claims";
import { certifyHashes } from "@/lib/certifications/certify-hashes";
import { LIVE_STATUSES } from "@/lib/certifications/certification-status";
import { getCertificationDetail } from "@/lib/certifications/get-certification-detail";
import { claimFilters } from "@/lib/claims/claim-filters";
import { claimOne } from "@/lib/claims/claim-one";
import { getClaim } from "@/lib/claims/get-claim";
import { decodeCursor, listClaims } from "@/lib/claims/list-claims";
import type { TokenActor } from "@/lib/core/actor";
import type { TenantContext } from "@/lib/core/tenant-context";
import { componentLogger, logError } from "@/lib/log/logger";
import { lookupConsent } from "@/lib/search/lookup-consent";
import { emailFingerprint, normalizeLeadPhone, phoneFingerprint } from "@/lib/trustedform/fingerprint";

export type McpContext = TenantContext & { readonly actor: TokenActor };

const idempotencyKey = z
  .string()
  .min(1)
  .max(255)
  .describe("A new key (a UUID) per intended request; the same key when retrying it. Kept 24 hours.");
const id = z.string().max(64).describe("The id Certdesk gave it.");

export const MCP_TOOLS = {
  claim_certificate: {
    scope: "claims:write",
    description:
      "Claim one TrustedForm certificate for the tenant (billed by TrustedForm). One live claim per certificate; never resent blindly: reuse the idempotencyKey to retry.",
    input: claimCreateRequest.extend({ idempotencyKey }),
  },
  get_claim: { scope: "claims:read", description: "One claim by id.", input: z.object({ id }) },
  search_claims: {
    scope: "claims:read",
    description:
      "List claims, newest first, with the claims page's filters; pass `next` back as cursor for more.",
    input: claimListQuery,
  },
  consent_lookup: {
    scope: "claims:read",
    description:
      "Find the claims whose lead had this email or phone (TCPA consent). The contact is hashed into a fingerprint on the server and never stored.",
    input: z.object({
      email: z.string().trim().max(254).optional(),
      phone: z.string().trim().max(40).optional(),
    }),
  },
  certify_hashes: {
    scope: "certifications:write",
    description:
      "Certify files by their SHA-256 digests with TrueScreen (spends credits). The files never leave your systems.",
    input: certifyHashesRequest.extend({ idempotencyKey }),
  },
  get_certification: {
    scope: "certifications:read",
    description: "One certification by id, with its files and archived artifacts.",
    input: z.object({ id }),
  },
  wait_for_certification: {
    scope: "certifications:read",
    description:
      "Wait until a certification leaves its waiting states (or the timeout passes), then return it.",
    input: z.object({ id, timeoutSeconds: z.number().int().min(1).max(60).default(30) }),
  },
} as const satisfies Record<string, { scope: TokenScope; description: string; input: z.ZodObject }>;

export type McpToolName = keyof typeof MCP_TOOLS;

const ok = (value: unknown): CallToolResult => ({
  content: [{ type: "text", text: JSON.stringify(value) }],
  structuredContent: value as Record<string, unknown>,
});
const failed = (body: Problem): CallToolResult => ({
  isError: true,
  content: [{ type: "text", text: JSON.stringify(body) }],
});
const fromAnswer = (answer: ApiAnswer): CallToolResult =>
  answer.status >= 400 ? failed(answer.body as Problem) : ok(answer.body);

export function certdeskMcpServer(context: McpContext, wait = defaultWait): McpServer {
  const server = new McpServer({ name: "certdesk", version: "1.0.0" });

  function tool<Name extends McpToolName>(
    name: Name,
    run: (input: z.output<(typeof MCP_TOOLS)[Name]["input"]>) => Promise<CallToolResult>,
  ) {
    const { scope, description, input } = MCP_TOOLS[name];
    server.registerTool(name, { description, inputSchema: input.shape }, async (args: unknown) => {
      let result: CallToolResult;
      if (!hasScope(context.actor.scopes, scope))
        result = failed(problem("insufficient-scope", `${name} needs a token with the ${scope} scope.`));
      else
        // The SDK has already parsed the arguments with `input` (refusing invalid ones before this runs).
        result = await run(args as never).catch((error: unknown) => {
          const known = problemFromError(error);
          if (known) return failed(known);
          // Through the logger, as the API's failures: its lines are redacted (lib/log/redact.ts), console's are not.
          logError(componentLogger("mcp"), `mcp tool ${name}`, error);
          return failed(problem("internal", "Certdesk could not finish this tool call."));
        });
      await context.audit("mcp.tool_called", null, { tool: name, ok: !result.isError });
      return result;
    });
  }

  const idempotent = async (
    operation: string,
    key: string,
    body: unknown,
    work: () => Promise<ApiAnswer>,
  ) => {
    const outcome = await runIdempotent(context, key, operation, body, work, (error) => {
      const known =
        problemFromError(error) ?? problem("internal", "Certdesk could not finish this tool call.");
      return { status: known.status, body: known };
    });
    return outcome.kind === "refused" ? failed(outcome.problem) : fromAnswer(outcome.answer);
  };

  tool("claim_certificate", ({ idempotencyKey: key, ...input }) =>
    idempotent("mcp claim_certificate", key, input, async () => {
      const { claimId } = await claimOne(context, input);
      return { status: 201, body: toClaimDetail((await getClaim(context, claimId))!) };
    }),
  );
  tool("get_claim", async ({ id: claimId }) => {
    const claim = await getClaim(context, claimId);
    return claim ? ok(toClaimDetail(claim)) : failed(problem("not-found", "That claim was not found."));
  });
  tool("search_claims", async ({ cursor, limit, ...filters }) => {
    const page = await listClaims(context, claimFilters.parse(filters), decodeCursor(cursor), limit);
    return ok({ data: page.rows.map(toClaimSummary), next: page.next });
  });
  tool("consent_lookup", async ({ email, phone }) => {
    if (!email && !phone) return failed(problem("invalid-request", "Give an email or a phone number."));
    if (phone && normalizeLeadPhone(phone).length < 7)
      return failed(problem("invalid-request", "A phone number needs at least 7 digits."));
    const found = await lookupConsent(context, {
      emailFingerprint: email ? emailFingerprint(email) : undefined,
      phoneFingerprint: phone ? phoneFingerprint(phone) : undefined,
    });
    return ok(found);
  });
  tool("certify_hashes", ({ idempotencyKey: key, ...input }) =>
    idempotent("mcp certify_hashes", key, input, async () => {
      const created = await certifyHashes(context, input);
      return {
        status: 201,
        body: { id: created.id, status: created.status, message: created.message ?? null },
      };
    }),
  );
  tool("get_certification", async ({ id: certificationId }) => {
    const found = await getCertificationDetail(context, certificationId);
    return found
      ? ok(toCertificationDetail(found))
      : failed(problem("not-found", "That certification was not found."));
  });
  tool("wait_for_certification", async ({ id: certificationId, timeoutSeconds }) => {
    const deadline = Date.now() + timeoutSeconds * 1000;
    for (;;) {
      const found = await getCertificationDetail(context, certificationId);
      if (!found) return failed(problem("not-found", "That certification was not found."));
      if (!LIVE_STATUSES.includes(found.status) || Date.now() >= deadline)
        return ok({ ...toCertificationDetail(found), waiting: LIVE_STATUSES.includes(found.status) });
      await wait(Math.min(1000, Math.max(0, deadline - Date.now())));
    }
  });
  return server;
}

const defaultWait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
