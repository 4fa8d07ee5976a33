// What a 4.0 claim row keeps in `request` until it is sent (single claims and bulk rows alike): the operations to
// ask for (contact data only as fingerprints), the policy's rules, and why it is not retained when it is not. After
// the answer, `request` holds the body actually sent.
import { z } from "zod";
import type { Prisma } from "@/generated/prisma/client";
import type { V4Request } from "@/lib/trustedform/v4/build-v4-request";
import type { PolicyRule } from "@/lib/trustedform/v4/evaluate-policy-rules";
import { policyRuleInput } from "./policy-v4-input";

export interface ClaimIntentV4 {
  v4: V4Request;
  rules: PolicyRule[];
  notRetained: string | null;
}

const intent = z.object({
  v4: z.record(z.string(), z.unknown()),
  rules: z.array(policyRuleInput),
  notRetained: z.string().nullable(),
});

/** The stored intent of a row, or null when the row holds none (a 3.0 row, or one settled already). */
export function readClaimIntentV4(value: unknown): ClaimIntentV4 | null {
  const parsed = intent.safeParse(value);
  return parsed.success ? (parsed.data as unknown as ClaimIntentV4) : null;
}

/** The intent as the row stores it (JSON: optional fields left out). */
export function storedClaimIntentV4(intent: ClaimIntentV4): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(intent)) as Prisma.InputJsonValue;
}
