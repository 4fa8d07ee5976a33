// The 4.0 part of a claim policy as the editor sends it, validated with words an admin can act on, and as the row
// stores it.
import { z } from "zod";
import { INSIGHTS_PROPERTIES, OPT_IN_TYPES } from "@/lib/trustedform/v4/v4-vocabulary";

const optionalNumber = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(20)
    .refine((value) => value === "" || (Number.isFinite(Number(value)) && Number(value) > 0), {
      message: `${label} is a positive number, or empty.`,
    })
    .refine((value) => value === "" || Number(value) <= max, { message: `${label} is at most ${max}.` });

export const policyRuleInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("no_bot_detected") }),
  z.object({ kind: z.literal("one_to_one_consent") }),
  z.object({ kind: z.literal("consent_language_approved") }),
  z.object({
    kind: z.literal("min_seconds_on_page"),
    seconds: z
      .number({ message: "Enter the seconds on page." })
      .positive("Seconds on page must be above 0.")
      .max(86_400),
  }),
  z.object({ kind: z.literal("lead_matched") }),
  z.object({ kind: z.literal("outcome_success") }),
]);

export const policyV4Input = z.object({
  insightsProperties: z
    .array(z.enum(INSIGHTS_PROPERTIES, { message: "Unknown Insights data point." }))
    .max(40),
  verify: z.boolean(),
  verifyAdvertiserName: z.string().trim().max(200),
  verifyMinFontSizePx: optionalNumber("The minimum font size", 100),
  verifyMinContrastRatio: optionalNumber("The minimum contrast ratio", 21),
  verifyOptInTypes: z.array(z.enum(OPT_IN_TYPES, { message: "Unknown opt-in type." })).max(3),
  rules: z.array(policyRuleInput).max(12),
});
export type PolicyV4Input = z.infer<typeof policyV4Input>;

export const EMPTY_POLICY_V4: PolicyV4Input = {
  insightsProperties: [],
  verify: false,
  verifyAdvertiserName: "",
  verifyMinFontSizePx: "",
  verifyMinContrastRatio: "",
  verifyOptInTypes: [],
  rules: [],
};

/** The row's columns for the 4.0 part. Duplicated data points or rules of one kind are kept once. */
export function policyV4Columns(input: PolicyV4Input) {
  const seen = new Set<string>();
  return {
    insightsProperties: [...new Set(input.insightsProperties)],
    verify: input.verify,
    verifyAdvertiserName: input.verifyAdvertiserName || null,
    verifyMinFontSizePx: input.verifyMinFontSizePx ? Number(input.verifyMinFontSizePx) : null,
    verifyMinContrastRatio: input.verifyMinContrastRatio ? Number(input.verifyMinContrastRatio) : null,
    verifyOptInTypes: [...new Set(input.verifyOptInTypes)],
    rules: input.rules.filter((rule) => !seen.has(rule.kind) && seen.add(rule.kind)),
  };
}

/** The editor's draft of a stored row. */
export function policyV4Draft(row: {
  insightsProperties: string[];
  verify: boolean;
  verifyAdvertiserName: string | null;
  verifyMinFontSizePx: number | null;
  verifyMinContrastRatio: number | null;
  verifyOptInTypes: string[];
  rules: unknown;
}): PolicyV4Input {
  const parsed = z.array(policyRuleInput).safeParse(row.rules);
  const properties = new Set<string>(INSIGHTS_PROPERTIES);
  const optIns = new Set<string>(OPT_IN_TYPES);
  return {
    insightsProperties: row.insightsProperties.filter((p) =>
      properties.has(p),
    ) as PolicyV4Input["insightsProperties"],
    verify: row.verify,
    verifyAdvertiserName: row.verifyAdvertiserName ?? "",
    verifyMinFontSizePx: row.verifyMinFontSizePx === null ? "" : String(row.verifyMinFontSizePx),
    verifyMinContrastRatio: row.verifyMinContrastRatio === null ? "" : String(row.verifyMinContrastRatio),
    verifyOptInTypes: row.verifyOptInTypes.filter((t) => optIns.has(t)) as PolicyV4Input["verifyOptInTypes"],
    rules: parsed.success ? parsed.data : [],
  };
}
