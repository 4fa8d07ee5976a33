import { describe, expect, it } from "vitest";
import { openTenantContext } from "@/lib/tenancy/open-tenant-context";
import { MissingTenantError, tenantDb, type TenantScope } from "./tenant-scope";

describe("tenantDb", () => {
  it("cannot be created without a tenant", () => {
    expect(() => tenantDb(undefined as unknown as TenantScope)).toThrow(MissingTenantError);
    expect(() => tenantDb({} as unknown as TenantScope)).toThrow(MissingTenantError);
    expect(() => tenantDb({ tenantId: "" })).toThrow(MissingTenantError);
    expect(() => tenantDb({ tenantId: "not-a-uuid" })).toThrow(MissingTenantError);
  });

  it("makes the verbs refuse to run without a tenant: no TenantContext opens without one", () => {
    const actor = { kind: "system", name: "test" } as const;
    expect(() => openTenantContext(undefined as unknown as string, actor)).toThrow(MissingTenantError);
    expect(() => openTenantContext("", actor)).toThrow(MissingTenantError);
    expect(() => openTenantContext("not-a-uuid", actor)).toThrow(MissingTenantError);
  });
});
