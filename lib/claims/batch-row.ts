// A row of a bulk claim file as the browser sends it (the mapped cells), and what checking it makes of it: accepted
// (ready to queue, contact already fingerprinted, and on 4.0 its intent built) or refused with a reason.
import { z } from "zod";
import type { ClaimIntentV4 } from "./v4/claim-intent-v4";

// No length limit here: one over-long cell must refuse its row (checkBatchRows), not fail the whole array. The
// action's body limit (next.config.mjs) bounds the total.
export const batchRow = z.object({
  certUrl: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  reference: z.string().optional(),
  vendor: z.string().optional(),
});
export type BatchRow = z.infer<typeof batchRow>;

export interface RefusedRow {
  row: number;
  certUrl: string;
  reason: string;
}

export interface AcceptedRow {
  row: number;
  certId: string;
  url: string;
  emailFingerprint: string | null;
  phoneFingerprint: string | null;
  reference: string | null;
  vendor: string | null;
  /** On a TrustedForm 4.0 tenant: what the row asks for (kept in the claim's `request` until it is sent). */
  intent: ClaimIntentV4 | null;
}
