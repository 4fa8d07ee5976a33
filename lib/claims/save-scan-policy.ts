// Creates or updates a named scan policy of the tenant (one may be the default, preselected when claiming), audited
// in the same transaction. The terms are written as text by people and parsed here; a parse error names its line.
import { z } from "zod";
import type { TenantContext } from "@/lib/core/tenant-context";
import { isUuid } from "@/lib/core/ids";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { toScanPolicyView, type ScanPolicyView } from "./scan-policy-view";
import { parseTermsText } from "./scan-terms";
import { EMPTY_POLICY_V4, policyV4Columns, policyV4Input } from "./v4/policy-v4-input";

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
  /** TrustedForm 4.0: Insights, Verify, rules. Absent: none (a scans-only policy). */
  v4: policyV4Input.optional(),
});

export async function saveScanPolicy(
  context: TenantContext,
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
  const v4 = policyV4Columns(input.v4 ?? EMPTY_POLICY_V4);
  const asksV4 = v4.insightsProperties.length > 0 || v4.verify || v4.rules.length > 0;
  if (required.terms.length + forbidden.terms.length === 0 && !asksV4)
    throw new UserFacingError(
      "Add at least one required or forbidden term, or (for TrustedForm 4.0) Insights, Verify or a rule.",
    );
  const data = {
    name: input.name,
    required: required.terms,
    forbidden: forbidden.terms,
    scanDelimiter: delimiter,
    isDefault: input.isDefault,
    ...v4,
  };
  return context.transaction(async (tx) => {
    const clash = await tx.db.scanPolicy.findFirst({
      where: { name: input.name, ...(input.id ? { NOT: { id: input.id } } : {}) },
    });
    if (clash) throw new UserFacingError(`A policy named "${input.name}" exists already.`, "conflict");
    if (input.isDefault)
      await tx.db.scanPolicy.updateMany({ where: { isDefault: true }, data: { isDefault: false } });
    let row;
    if (input.id) {
      if (!isUuid(input.id) || !(await tx.db.scanPolicy.findUnique({ where: { id: input.id } })))
        throw new UserFacingError("That policy was not found.", "not_found");
      row = await tx.db.scanPolicy.update({ where: { id: input.id }, data });
    } else {
      row = await tx.db.scanPolicy.create({ data });
    }
    await tx.audit(
      input.id ? "policy.updated" : "policy.created",
      { type: "scan_policy", id: row.id },
      {
        name: row.name,
        required: required.terms.length,
        forbidden: forbidden.terms.length,
        isDefault: row.isDefault,
        insights: v4.insightsProperties,
        verify: v4.verify,
        rules: v4.rules.map((rule) => rule.kind),
      },
    );
    return toScanPolicyView(row);
  });
}
