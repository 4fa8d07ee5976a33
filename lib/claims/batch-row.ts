// A row of a bulk claim file as the browser sends it (the mapped cells), and what checking it makes of it: accepted
// (ready to queue, contact already fingerprinted) or refused with a reason.
import { z } from "zod";

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
}
