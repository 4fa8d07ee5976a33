// How many claims wait for a reviewer (claimed, not yet accepted or rejected): the count beside "Claims" in the nav.
import type { TenantContext } from "@/lib/core/tenant-context";
import { UNREVIEWED } from "./claim-filters";

export async function countUnreviewedClaims(context: TenantContext): Promise<number> {
  return context.db.claim.count({ where: UNREVIEWED });
}
