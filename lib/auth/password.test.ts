import { describe, expect, it } from "vitest";
import { hashPassword, passwordProblem, verifyPassword } from "./password";

describe("password hashing", () => {
  it("uses argon2id and verifies only the right password", async () => {
    const hash = await hashPassword("a long enough password");
    expect(hash.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(hash, "a long enough password")).toBe(true);
    expect(await verifyPassword(hash, "a long enough passwore")).toBe(false);
    expect(await verifyPassword("not a hash", "anything")).toBe(false);
  });

  it("explains a password that is too short", () => {
    expect(passwordProblem("short")).toMatch(/at least 12 characters/);
    expect(passwordProblem("twelve chars")).toBeNull();
  });
});
