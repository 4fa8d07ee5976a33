// What a reviewer fills in to claim one certificate (the claim form, its server action and claimOne share it).
import { z } from "zod";
import { normalizeLeadPhone } from "@/lib/trustedform/fingerprint";

export const claimInput = z.object({
  certUrl: z.string().trim().min(1, "Paste the certificate URL.").max(600),
  email: z
    .union([z.literal(""), z.email({ message: "That email address is not valid." }).max(254)])
    .optional(),
  phone: z
    .string()
    .trim()
    .max(40)
    .refine(
      (value) => value === "" || normalizeLeadPhone(value).length >= 7,
      "A phone number needs at least 7 digits.",
    )
    .optional(),
  reference: z.string().trim().max(200).optional(),
  vendor: z.string().trim().max(200).optional(),
  policyId: z.string().optional(),
  requiredText: z.string().max(50_000).optional(),
  forbiddenText: z.string().max(50_000).optional(),
});
export type ClaimInput = z.infer<typeof claimInput>;
