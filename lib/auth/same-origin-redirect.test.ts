import { describe, expect, it } from "vitest";
import { authOptions } from "./auth-options";
import { sameOriginRedirect } from "./same-origin-redirect";

const baseUrl = "http://localhost:3000";

describe("sameOriginRedirect (next-auth's redirect callback)", () => {
  it("keeps a relative path or an absolute URL on the app's own origin", () => {
    expect(sameOriginRedirect({ url: "/certifications?page=2", baseUrl })).toBe(
      "http://localhost:3000/certifications?page=2",
    );
    expect(sameOriginRedirect({ url: "http://localhost:3000/claims", baseUrl })).toBe(
      "http://localhost:3000/claims",
    );
    expect(sameOriginRedirect({ url: "/invite?token=abc#x", baseUrl })).toBe(
      "http://localhost:3000/invite?token=abc#x",
    );
  });

  it.each([
    "http://localhost:3000.evil.com/",
    "http://localhost:3000.evil.com/certifications",
    "https://evil.com/",
    "//evil.com",
    "//evil.com/certifications",
    "/\\evil.com",
    "\\\\evil.com",
    "/\t/evil.com",
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "http://localhost:3000@evil.com/",
    "http://evil.com@localhost:3000/",
    "http://user:pass@localhost:3000/",
    "https://localhost:3000/",
    "http://localhost:3001/",
    "http://127.0.0.1:3000/",
    "http:evil.com",
    "http://[::1",
    "%2F%2Fevil.com",
    "",
    "x".repeat(3000),
  ])("sends %j to the app's base URL instead", (url) => {
    const target = sameOriginRedirect({ url, baseUrl });
    expect(new URL(target).origin).toBe(baseUrl);
    expect(target.includes("evil.com") && new URL(target).host !== "localhost:3000").toBe(false);
    expect(new URL(target).username).toBe("");
  });

  it("refuses every hostile value to the bare base URL, and never throws on non-strings", () => {
    for (const url of ["//evil.com", "http://localhost:3000.evil.com/", "javascript:alert(1)"])
      expect(sameOriginRedirect({ url, baseUrl })).toBe(baseUrl);
    expect(sameOriginRedirect({ url: undefined, baseUrl })).toBe(baseUrl);
    expect(sameOriginRedirect({ url: { toString: () => "https://evil.com" }, baseUrl })).toBe(baseUrl);
  });
});

describe("the redirect callback next-auth is configured with", () => {
  const redirect = (url: string) => authOptions().callbacks!.redirect!({ url, baseUrl });

  it("answers the base URL for hostile callbackUrls, where next-auth's default callback throws (a 500)", async () => {
    for (const url of [
      "http://localhost:3000.evil.com/",
      "//evil.com",
      "https://evil.com/",
      "javascript:alert(1)",
      "http://localhost:3000@evil.com/",
      "http://[::1",
    ])
      await expect(redirect(url)).resolves.toBe(baseUrl);
  });

  it("still sends a relative path or a same-origin URL where it points", async () => {
    await expect(redirect("/claims")).resolves.toBe("http://localhost:3000/claims");
    await expect(redirect("http://localhost:3000/certifications")).resolves.toBe(
      "http://localhost:3000/certifications",
    );
  });
});
