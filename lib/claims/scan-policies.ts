// Named scan policies of a tenant. One may be the default, preselected when claiming.
import { z } from "zod";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { tenantDb, type TenantScope } from "@/lib/db/tenant-scope";
import type { MemberActor } from "@/lib/members/member-actor";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { isUuid } from "@/lib/core/ids";
import { parseTermsText, scanTermSchema, type ScanTerm } from "./scan-terms";

export interface ScanPolicyView {
  id: string;
  name: string;
  required: ScanTerm[];
  forbidden: ScanTerm[];
  scanDelimiter: string | null;
  isDefault: boolean;
}

const terms = z.array(scanTermSchema);

export const policyInput = z.object({
  id: z.string().optional(),
  name: z.string().trim().min(1, "Give the policy a name.").max(120),
  requiredText: z.string().max(50_000),
  forbiddenText: z.string().max(50_000),
  scanDelimiter: z
    .string()
    .trim()
    .max(10)
    .refine(
      (value) => value === "" || !/[\s*A-Za-z0-9]/.test(value),
      "A delimiter is punctuation only, such as | or ** or +++ (the same before and after).",
    )
    .optional(),
  isDefault: z.boolean(),
});

function view(row: {
  id: string;
  name: string;
  required: unknown;
  forbidden: unknown;
  scanDelimiter: string | null;
  isDefault: boolean;
}): ScanPolicyView {
  return {
    id: row.id,
    name: row.name,
    required: terms.parse(row.required),
    forbidden: terms.parse(row.forbidden),
    scanDelimiter: row.scanDelimiter,
    isDefault: row.isDefault,
  };
}

export async function listScanPolicies(scope: TenantScope): Promise<ScanPolicyView[]> {
  return (
    await tenantDb(scope).scanPolicy.findMany({ orderBy: [{ isDefault: "desc" }, { name: "asc" }] })
  ).map(view);
}

export async function getScanPolicy(scope: TenantScope, id: string): Promise<ScanPolicyView | null> {
  if (!isUuid(id)) return null;
  const row = await tenantDb(scope).scanPolicy.findUnique({ where: { id } });
  return row ? view(row) : null;
}

export async function saveScanPolicy(
  actor: MemberActor,
  input: z.infer<typeof policyInput>,
): Promise<ScanPolicyView> {
  const delimiter = input.scanDelimiter || null;
  const required = parseTermsText(input.requiredText, delimiter);
  const forbidden = parseTermsText(input.forbiddenText, delimiter);
  const errors = [
    ...required.errors.map((e) => `Required terms, ${e}`),
    ...forbidden.errors.map((e) => `Forbidden terms, ${e}`),
  ];
  if (errors.length) throw new UserFacingError(errors.join(" "));
  if (required.terms.length + forbidden.terms.length === 0)
    throw new UserFacingError("Add at least one required or forbidden term.");
  const data = {
    name: input.name,
    required: required.terms,
    forbidden: forbidden.terms,
    scanDelimiter: delimiter,
    isDefault: input.isDefault,
  };
  return tenantDb(actor).$transaction(async (tx) => {
    const clash = await tx.scanPolicy.findFirst({
      where: { name: input.name, ...(input.id ? { NOT: { id: input.id } } : {}) },
    });
    if (clash) throw new UserFacingError(`A policy named "${input.name}" exists already.`, "conflict");
    if (input.isDefault)
      await tx.scanPolicy.updateMany({ where: { isDefault: true }, data: { isDefault: false } });
    let row;
    if (input.id) {
      if (!isUuid(input.id) || !(await tx.scanPolicy.findUnique({ where: { id: input.id } })))
        throw new UserFacingError("That policy was not found.", "not_found");
      row = await tx.scanPolicy.update({ where: { id: input.id }, data });
    } else {
      row = await tx.scanPolicy.create({ data: data as never });
    }
    await appendAuditEntry(
      {
        tenantId: actor.tenantId,
        actorId: actor.actorId,
        actorEmail: actor.actorEmail,
        action: input.id ? "policy.updated" : "policy.created",
        targetType: "scan_policy",
        targetId: row.id,
        details: {
          name: row.name,
          required: required.terms.length,
          forbidden: forbidden.terms.length,
          isDefault: row.isDefault,
        },
      },
      tx,
    );
    return view(row);
  });
}

export async function deleteScanPolicy(actor: MemberActor, id: string): Promise<void> {
  if (!isUuid(id)) throw new UserFacingError("That policy was not found.", "not_found");
  await tenantDb(actor).$transaction(async (tx) => {
    const row = await tx.scanPolicy.findUnique({ where: { id } });
    if (!row) throw new UserFacingError("That policy was not found.", "not_found");
    await tx.scanPolicy.delete({ where: { id } });
    await appendAuditEntry(
      {
        tenantId: actor.tenantId,
        actorId: actor.actorId,
        actorEmail: actor.actorEmail,
        action: "policy.deleted",
        targetType: "scan_policy",
        targetId: id,
        details: { name: row.name },
      },
      tx,
    );
  });
}
