// Tenant isolation at the data layer: a client that adds `tenantId` to every read, write and delete of a
// tenant-owned model, so that a handler cannot forget it. Ids from URLs and forms are therefore always looked
// up within the session's tenant, and a foreign id is indistinguishable from a missing one.
import { systemDb } from "./client";

export interface TenantScope {
  tenantId: string;
  /** The acting user, for audit entries; null for the system (jobs, webhooks). */
  actorId: string | null;
}

export class MissingTenantError extends Error {
  constructor() {
    super("A tenant-scoped query was called without a tenant.");
    this.name = "MissingTenantError";
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Models whose rows belong to one tenant through their tenantId column. */
const TENANT_MODELS = new Set([
  "Membership",
  "Invitation",
  "AuditHeadCertification",
  "AuditEntry",
  "TenantConnection",
  "TenantSecret",
  "ScanPolicy",
  "Claim",
  "ClaimBatch",
  "Certification",
  "CertificationFile",
  "CertificationArtifact",
  "WebhookReceipt",
]);
/** Operations that filter with `where`. */
const FILTERED = new Set([
  "findUnique",
  "findUniqueOrThrow",
  "findFirst",
  "findFirstOrThrow",
  "findMany",
  "count",
  "aggregate",
  "groupBy",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "delete",
  "deleteMany",
]);

export function assertTenantScope(scope: TenantScope | undefined | null): asserts scope is TenantScope {
  if (!scope || typeof scope.tenantId !== "string" || !UUID.test(scope.tenantId))
    throw new MissingTenantError();
}

type Args = Record<string, unknown> & { where?: Record<string, unknown>; data?: unknown; create?: unknown };

function scopeArgs(model: string, operation: string, args: Args, tenantId: string): Args {
  if (model === "Tenant") {
    if (!FILTERED.has(operation) || operation.startsWith("delete")) {
      throw new Error(`Tenant.${operation} is not allowed through a tenant-scoped client.`);
    }
    return { ...args, where: { ...args.where, id: tenantId } };
  }
  if (!TENANT_MODELS.has(model)) {
    throw new Error(
      `${model} is not tenant data; read it through the function that owns it, not a tenant-scoped client.`,
    );
  }
  if (FILTERED.has(operation)) return { ...args, where: { ...args.where, tenantId } };
  if (operation === "create") return { ...args, data: { ...(args.data as object), tenantId } };
  if (operation === "createMany" || operation === "createManyAndReturn") {
    const rows = Array.isArray(args.data) ? args.data : [args.data];
    return { ...args, data: rows.map((row) => ({ ...(row as object), tenantId })) };
  }
  if (operation === "upsert") {
    return { ...args, where: { ...args.where, tenantId }, create: { ...(args.create as object), tenantId } };
  }
  throw new Error(`${model}.${operation} is not supported through a tenant-scoped client.`);
}

/** A Prisma client confined to one tenant. Throws MissingTenantError without a valid tenant. */
export function tenantDb(scope: TenantScope) {
  assertTenantScope(scope);
  const { tenantId } = scope;
  return systemDb.$extends({
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          return query(scopeArgs(model, operation, (args ?? {}) as Args, tenantId) as typeof args);
        },
      },
    },
  });
}

export type TenantDb = ReturnType<typeof tenantDb>;
