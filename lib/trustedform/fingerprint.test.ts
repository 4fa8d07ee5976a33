import { describe, expect, it } from "vitest";
import { emailFingerprint, normalizeLeadEmail, normalizeLeadPhone, phoneFingerprint } from "./fingerprint";

describe("lead fingerprints", () => {
  it("match the service's published example", () => {
    expect(phoneFingerprint("512-789-1111")).toBe("12864b281c728bdca0f2102dba31308e1014fe4a");
  });

  it("keep only the digits of a phone number", () => {
    expect(normalizeLeadPhone("+1 (512) 789-1111 ext")).toBe("15127891111");
    expect(phoneFingerprint("(512) 789.1111")).toBe(phoneFingerprint("5127891111"));
  });

  it("lower-case and trim an email, and nothing else", () => {
    expect(normalizeLeadEmail("  Pat.Lead+Quote@Example.COM \n")).toBe("pat.lead+quote@example.com");
    expect(emailFingerprint(" LEAD@example.com")).toBe(emailFingerprint("lead@example.com"));
    expect(emailFingerprint("lead@example.com")).not.toBe(emailFingerprint("lead@example.co"));
    expect(emailFingerprint("lead@example.com")).toMatch(/^[0-9a-f]{40}$/);
  });
});
