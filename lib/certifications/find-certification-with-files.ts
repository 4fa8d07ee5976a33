// A certification of this tenant with its files in order, for the verbs that act on one by id: another tenant's id
// is "does not exist", like a missing one.
import type { TenantContext } from "@/lib/core/tenant-context";
import { isUuid } from "@/lib/core/ids";
import { UserFacingError } from "@/lib/core/user-facing-error";

export async function findCertificationWithFiles(ctx: TenantContext, id: string) {
  const certification = isUuid(id)
    ? await ctx.db.certification.findFirst({
        where: { id },
        include: { files: { orderBy: { position: "asc" } } },
      })
    : null;
  if (!certification) throw new UserFacingError("That certification does not exist.", "not_found");
  return certification;
}
