import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next-path";

describe("the page to return to after sign-in", () => {
  it("keeps a path of this app with its query", () => {
    expect(safeNextPath("/invite?token=abc_-1")).toBe("/invite?token=abc_-1");
    expect(safeNextPath("/claims/123")).toBe("/claims/123");
  });

  it.each([
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "/\t/evil.example",
    "javascript:alert(1)",
    "http://localhost:3000.evil.com/",
    "",
    undefined,
    { toString: () => "/x" },
  ])("sends %s home instead of off-site", (value) => {
    expect(safeNextPath(value)).toBe("/");
  });
});
