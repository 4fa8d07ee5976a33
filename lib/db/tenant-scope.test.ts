import { describe, expect, it } from "vitest";
import { getMember } from "@/lib/members/get-member";
import { listMembers } from "@/lib/members/list-members";
import { MissingTenantError, tenantDb, type TenantScope } from "./tenant-scope";

describe("tenantDb", () => {
  it("cannot be created without a tenant", () => {
    expect(() => tenantDb(undefined as unknown as TenantScope)).toThrow(MissingTenantError);
    expect(() => tenantDb({ actorId: null } as unknown as TenantScope)).toThrow(MissingTenantError);
    expect(() => tenantDb({ tenantId: "" })).toThrow(MissingTenantError);
    expect(() => tenantDb({ tenantId: "not-a-uuid" })).toThrow(MissingTenantError);
  });

  it("makes the query helpers refuse to run without a tenant", async () => {
    await expect(listMembers({} as TenantScope)).rejects.toThrow(MissingTenantError);
    await expect(
      getMember({ tenantId: "", actorId: null }, "6f1c1c8e-1d7a-4a51-9a0c-0c6c3c3f0a11"),
    ).rejects.toThrow(MissingTenantError);
  });
});
