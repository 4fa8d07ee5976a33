import { describe, expect, it } from "vitest";
import { canManageRole, hasRole, isRole, ROLES } from "./roles";

describe("hasRole", () => {
  it("orders the roles owner > admin > certifier > reviewer > viewer", () => {
    const table = ROLES.map((actual) => ROLES.map((needed) => (hasRole(actual, needed) ? 1 : 0)).join(""));
    expect(table).toEqual(["11111", "01111", "00111", "00011", "00001"]);
  });

  it("refuses an admin page to a viewer, certifier and reviewer", () => {
    expect(["viewer", "reviewer", "certifier"].map((role) => hasRole(role as never, "admin"))).toEqual([
      false,
      false,
      false,
    ]);
  });
});

describe("canManageRole", () => {
  it("lets only owners give or take the owner role", () => {
    expect(canManageRole("owner", "owner")).toBe(true);
    expect(canManageRole("admin", "owner")).toBe(false);
  });

  it("lets admins manage every role below owner, and nobody below admin manage anything", () => {
    expect(ROLES.filter((role) => canManageRole("admin", role))).toEqual([
      "admin",
      "certifier",
      "reviewer",
      "viewer",
    ]);
    for (const actor of ["certifier", "reviewer", "viewer"] as const) {
      expect(ROLES.some((role) => canManageRole(actor, role))).toBe(false);
    }
  });

  it("recognises role names and nothing else", () => {
    expect(isRole("reviewer")).toBe(true);
    expect(isRole("superuser")).toBe(false);
    expect(isRole(undefined)).toBe(false);
  });
});
