import { describe, expect, it } from "vitest";
import { CLIENT_IP_HEADER, clientIp } from "./client-ip";

describe("clientIp", () => {
  it("reads the address Certdesk's server set", () => {
    expect(clientIp(new Headers({ [CLIENT_IP_HEADER]: "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientIp({ [CLIENT_IP_HEADER]: "2001:db8::1" })).toBe("2001:db8::1");
  });

  it("never reads X-Forwarded-For or other client-controlled headers", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.9, 10.0.0.2" }))).toBeNull();
    expect(
      clientIp({ "x-forwarded-for": "10.0.0.2", "x-real-ip": "10.0.0.3", forwarded: "for=10.0.0.4" }),
    ).toBeNull();
  });

  it("answers null for anything that is not one address", () => {
    expect(clientIp({})).toBeNull();
    expect(clientIp(new Headers({ [CLIENT_IP_HEADER]: "203.0.113.9, 10.0.0.2" }))).toBeNull();
    expect(clientIp({ [CLIENT_IP_HEADER]: ["203.0.113.9", "10.0.0.2"] })).toBeNull();
    expect(clientIp({ [CLIENT_IP_HEADER]: "victim.example" })).toBeNull();
    expect(clientIp({ [CLIENT_IP_HEADER]: "' or 1=1 --" })).toBeNull();
  });
});
