// The member page names the live API tokens a member created (they outlive a removal): only that member's, only live
// ones, only this tenant's, and still there after the member is removed.
import { describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/client";
import { removeMember } from "@/lib/members/remove-member";
import { addUserToTenant, createTenantWithOwner, memberContext } from "@/scripts/test/factories";
import { createApiToken } from "./create-api-token";
import { listTokensCreatedBy } from "./list-tokens-created-by";
import { revokeApiToken } from "./revoke-api-token";

describe("listTokensCreatedBy", () => {
  it("lists the live tokens a member created in this tenant, and they stay live after the member is removed", async () => {
    const { actor: owner, tenant } = await createTenantWithOwner();
    const admin = await addUserToTenant(tenant.id, "admin");
    const kept = await createApiToken(admin.actor, { name: "Lead intake", scopes: ["claims:write"] });
    const revoked = await createApiToken(admin.actor, { name: "Old bot", scopes: ["claims:read"] });
    await revokeApiToken(owner, revoked.id);
    await createApiToken(owner, { name: "Owner's", scopes: ["claims:read"] });
    // The same person, admin of another tenant too: that tenant's tokens are not this one's.
    const other = await createTenantWithOwner();
    await systemDb.membership.create({
      data: { tenantId: other.tenant.id, userId: admin.user.id, role: "admin" },
    });
    await createApiToken(memberContext(other.tenant.id, admin.user, "admin"), {
      name: "Elsewhere",
      scopes: ["claims:read"],
    });

    expect((await listTokensCreatedBy(owner, admin.user.id)).map((t) => t.name)).toEqual(["Lead intake"]);
    await removeMember(owner, admin.membership.id);
    expect((await listTokensCreatedBy(owner, admin.user.id)).map((t) => t.name)).toEqual(["Lead intake"]);
    expect(kept.name).toBe("Lead intake");
  });
});
