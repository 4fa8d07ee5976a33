import { describe, expect, it } from "vitest";
import { clientIp } from "./client-ip";

describe("clientIp", () => {
  it("takes the last X-Forwarded-For entry, the one the nearest hop wrote", () => {
    expect(clientIp({ "x-forwarded-for": "203.0.113.9, 10.0.0.2" })).toBe("10.0.0.2");
    expect(clientIp(new Headers({ "x-forwarded-for": "::ffff:127.0.0.1" }))).toBe("127.0.0.1");
  });

  it("answers null when there is no address", () => {
    expect(clientIp({})).toBeNull();
    expect(clientIp(new Headers({ "x-forwarded-for": " , " }))).toBeNull();
  });
});
