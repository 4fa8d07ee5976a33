// How many claims wait for a reviewer (claimed, not yet accepted or rejected): the count beside "Claims" in the nav.
// Bounded (bounded-count.ts): at most 10,001, read from the queue's partial index.
import type { TenantContext } from "@/lib/core/tenant-context";
import { BOUNDED } from "./bounded-count";
import { UNREVIEWED } from "./claim-filters";

export async function countUnreviewedClaims(context: TenantContext): Promise<number> {
  return context.db.claim.count({ where: UNREVIEWED, ...BOUNDED });
}
