// The single claim's hot statements in raw SQL, on node-postgres (Prisma's per-statement CPU made an API claim cost
// about 11 ms of server CPU, so 100 claims/s queued). Fenced like claim-batch-sql.ts (it is on the lint allow-list):
// every statement names the tenant (`"tenantId" = $1` or the tenant's own id), taken from the caller's TenantContext.
import crypto from "node:crypto";
import pg from "pg";
import { Prisma, type Claim } from "@/generated/prisma/client";
import type { Environment } from "@/lib/connections/service-urls";
import type { TenantContext } from "@/lib/core/tenant-context";
import { pgPool } from "@/lib/db/pg-connections";
import { storedApiVersion } from "./v4/trustedform-api-version";

const pgTypes = pg.types;

/** The API's and the claim form's pool in this process (the bulk worker's group commit has its own). */
export const singleClaimPool = () => pgPool(`certdesk-api:${process.pid}`, 6);

export interface ClaimSetup {
  claimSendsRawContact: boolean;
  /** The database's label: "3.0" or "4.0". */
  apiVersion: "3.0" | "4.0";
  /** The tenant's TrustedForm connection, or null when it has none yet (resolveConnection creates it). */
  connection: { environment: Environment; sandboxBaseUrl: string | null; webhookToken: string } | null;
  /** The sealed TrustedForm API key of each environment that has one (opened only at the moment of the call). */
  sealedKeys: Partial<Record<Environment, string>>;
}

/** One statement for what a claim needs before it is written: the tenant's flags, its connection and sealed keys. */
export async function readClaimSetup(context: TenantContext): Promise<ClaimSetup> {
  const { rows } = await singleClaimPool().query<{
    claimSendsRawContact: boolean;
    apiVersion: "3.0" | "4.0";
    environment: Environment | null;
    sandboxBaseUrl: string | null;
    webhookToken: string | null;
    sealedKeys: Partial<Record<Environment, string>> | null;
  }>({
    name: "claim-one-setup",
    text: `select t."claimSendsRawContact", t."trustedformApiVersion"::text as "apiVersion",
       c.environment::text as environment, c."sandboxBaseUrl", c."webhookToken",
       (select json_object_agg(s.environment, s.sealed) from "TenantSecret" s
         where s."tenantId" = $1::uuid and s.purpose = 'trustedform.api_key') as "sealedKeys"
     from "Tenant" t
     left join "TenantConnection" c on c."tenantId" = $1::uuid and c.service = 'trustedform'
     where t.id = $1::uuid`,
    values: [context.tenantId],
  });
  const row = rows[0];
  if (!row) throw new Error("The tenant of this context does not exist.");
  return {
    claimSendsRawContact: row.claimSendsRawContact,
    apiVersion: row.apiVersion,
    connection:
      row.environment && row.webhookToken
        ? { environment: row.environment, sandboxBaseUrl: row.sandboxBaseUrl, webhookToken: row.webhookToken }
        : null,
    sealedKeys: row.sealedKeys ?? {},
  };
}

export interface SendingClaim {
  certId: string;
  certUrl: string;
  vendor: string | null;
  reference: string | null;
  emailFingerprint: string | null;
  phoneFingerprint: string | null;
  policyId: string | null;
  policyName: string | null;
  requiredTerms: unknown;
  forbiddenTerms: unknown;
  scanDelimiter: string | null;
  /** The database's label: "3.0" or "4.0". */
  apiVersion: "3.0" | "4.0";
  request: unknown;
  createdById: string | null;
  createdByEmail: string | null;
}

/** A second live claim of the certificate: the partial unique index refused the row. */
export class LiveClaimExistsError extends Error {
  constructor() {
    super("This certificate already has a live claim in this tenant.");
    this.name = "LiveClaimExistsError";
  }
}

/** Writes the claim's row ("sending") before any request; its id. */
export async function insertSendingClaim(context: TenantContext, claim: SendingClaim): Promise<string> {
  const id = crypto.randomUUID();
  try {
    await singleClaimPool().query({
      name: "claim-one-insert",
      text: `insert into "Claim" (id, "tenantId", "certId", "certUrl", vendor, reference, "emailFingerprint",
         "phoneFingerprint", "policyId", "policyName", "requiredTerms", "forbiddenTerms", "scanDelimiter", status,
         "apiVersion", request, "createdById", "createdByEmail", "createdAt", "updatedAt")
       values ($1::uuid, $2::uuid, $3, $4, $5, $6, $7, $8, $9::uuid, $10, $11::jsonb, $12::jsonb, $13, 'sending',
         $14::"TrustedFormApiVersion", $15::jsonb, $16::uuid, $17, (now() at time zone 'UTC'), (now() at time zone 'UTC'))`,
      values: [
        id,
        context.tenantId,
        claim.certId,
        claim.certUrl,
        claim.vendor,
        claim.reference,
        claim.emailFingerprint,
        claim.phoneFingerprint,
        claim.policyId,
        claim.policyName,
        JSON.stringify(claim.requiredTerms),
        JSON.stringify(claim.forbiddenTerms),
        claim.scanDelimiter,
        claim.apiVersion,
        claim.request === null || claim.request === undefined ? null : JSON.stringify(claim.request),
        claim.createdById,
        claim.createdByEmail,
      ],
    });
  } catch (error) {
    if ((error as { code?: string }).code === "23505") throw new LiveClaimExistsError();
    throw error;
  }
  return id;
}

/** Prisma's DateTime columns are `timestamp(3)` holding UTC: read them as UTC, whatever the process's zone. */
const TIMESTAMP_OID = 1114;
/** The type parsers of a query that reads Claim rows as Prisma does. */
export const claimRowTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID
      ? (value: string) => new Date(`${value.replace(" ", "T")}Z`)
      : pgTypes.getTypeParser(oid, format)) as typeof pgTypes.getTypeParser,
};

/** Every scalar column of a Claim row (of `alias`), the API version by its database label. */
export function claimColumns(alias: string): string {
  return Object.values(Prisma.ClaimScalarFieldEnum)
    .map((column) =>
      column === "apiVersion" ? `${alias}."apiVersion"::text as "apiVersion"` : `${alias}."${column}"`,
    )
    .join(", ");
}

export type ClaimRowAsRead = Omit<Claim, "apiVersion"> & { apiVersion: "3.0" | "4.0" };

/** A row read with claimColumns and claimRowTypes, as Prisma would have read it. */
export function claimFromRow(row: ClaimRowAsRead): Claim {
  return { ...row, apiVersion: storedApiVersion(row.apiVersion) };
}

/**
 * The claim's row as Prisma reads it (every scalar column, the API version by its Prisma name), or null. The API
 * answers a new claim from the row its settlement returned, or from this when it returned none.
 */
export async function readClaimRow(context: TenantContext, id: string): Promise<Claim | null> {
  const { rows } = await singleClaimPool().query<ClaimRowAsRead>({
    name: "claim-one-read",
    text: `select ${claimColumns("c")} from "Claim" c where c."tenantId" = $1::uuid and c.id = $2::uuid`,
    values: [context.tenantId, id],
    types: claimRowTypes,
  });
  const row = rows[0];
  return row ? claimFromRow(row) : null;
}
