// Tenant isolation at the data layer: a client that adds `tenantId` to every read, write and delete of a
// tenant-owned model, so that a handler cannot forget it. Ids from URLs and forms are therefore always looked
// up within the session's tenant, and a foreign id is indistinguishable from a missing one.
// Its type says the same: creates take their rows without `tenantId` (the client supplies it), so tenant writes are
// type-checked like any other. Domain code reaches it through a TenantContext (lib/core/tenant-context.ts), built only
// by the gates (lib/tenancy/open-tenant-context.ts); this module is fenced by lint like the unscoped client.
import type { Prisma } from "@/generated/prisma/client";
import type { ITXClientDenyList } from "@prisma/client/runtime/client";
import { systemDb } from "./client";

export interface TenantScope {
  tenantId: string;
}

export class MissingTenantError extends Error {
  constructor() {
    super("A tenant-scoped query was called without a tenant.");
    this.name = "MissingTenantError";
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Models whose rows belong to one tenant through their tenantId column. */
const TENANT_MODEL_NAMES = [
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
  "SavedView",
  "EventCursor",
] as const;
type TenantModel = (typeof TENANT_MODEL_NAMES)[number];
const TENANT_MODELS = new Set<string>(TENANT_MODEL_NAMES);
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

/** The query extension that confines a client to one tenant. */
function scopedClient(tenantId: string) {
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

/** A Prisma client confined to one tenant. Throws MissingTenantError without a valid tenant. */
export function tenantDb(scope: TenantScope): TenantDb {
  assertTenantScope(scope);
  // The one cast of tenant writes: the query extension supplies tenantId to every create, which is what
  // TenantDb's create types promise.
  return scopedClient(scope.tenantId) as unknown as TenantDb;
}

type ScopedClient = ReturnType<typeof scopedClient>;

/** A tenant row as the caller writes it: everything but the tenant, which the scoped client supplies. */
type WithoutTenant<Row> = Row extends unknown ? Omit<Row, "tenantId" | "tenant"> : never;
type OwnedData<Data> = Data extends readonly (infer Row)[] ? WithoutTenant<Row>[] : WithoutTenant<Data>;
type OwnedCreateArgs<A> = A extends { data: infer Data } ? Omit<A, "data"> & { data: OwnedData<Data> } : A;
type OwnedUpsertArgs<A> = A extends { create: infer Data }
  ? Omit<A, "create"> & { create: WithoutTenant<Data> }
  : A;

/** The writes whose types differ on a tenant-scoped client: rows come without their tenant. */
interface OwnedWrites {
  create<T, A>(
    this: T,
    args: Prisma.Exact<A, OwnedCreateArgs<Prisma.Args<T, "create">>>,
  ): Promise<Prisma.Result<T, A, "create">>;
  createMany<T, A>(
    this: T,
    args: Prisma.Exact<A, OwnedCreateArgs<Prisma.Args<T, "createMany">>>,
  ): Promise<Prisma.Result<T, A, "createMany">>;
  createManyAndReturn<T, A>(
    this: T,
    args: Prisma.Exact<A, OwnedCreateArgs<Prisma.Args<T, "createManyAndReturn">>>,
  ): Promise<Prisma.Result<T, A, "createManyAndReturn">>;
  upsert<T, A>(
    this: T,
    args: Prisma.Exact<A, OwnedUpsertArgs<Prisma.Args<T, "upsert">>>,
  ): Promise<Prisma.Result<T, A, "upsert">>;
}

type Uncapitalize1<S extends string> = S extends `${infer F}${infer R}` ? `${Lowercase<F>}${R}` : S;
type TenantModelKey = Uncapitalize1<TenantModel>;

type Owned<Client> = {
  [K in keyof Client]: K extends TenantModelKey
    ? Omit<Client[K], keyof OwnedWrites> & OwnedWrites
    : Client[K];
};

/** A tenant-scoped client inside a transaction: every read, write and delete confined to one tenant; creates take
 * rows without tenantId. */
export type TenantQueries = Owned<Omit<ScopedClient, ITXClientDenyList | "$transaction">>;
/** The same outside a transaction, with interactive transactions that hand on a TenantQueries. */
export type TenantDb = Owned<Omit<ScopedClient, "$transaction">> & {
  $transaction<R>(
    run: (tx: TenantQueries) => Promise<R>,
    options?: { maxWait?: number; timeout?: number; isolationLevel?: Prisma.TransactionIsolationLevel },
  ): Promise<R>;
};
