import { describe, expect, it } from "vitest";
import { readConfig } from "./config";

describe("readConfig", () => {
  it("has working defaults for the one-command start", () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      PORT: 3000,
      EMBEDDED_PG_PORT: 5433,
      CERTDESK_DATA_DIR: ".data",
      SESSION_MAX_AGE_HOURS: 8,
      oidc: null,
    });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("switches OpenID Connect on only with issuer, client id and secret together", () => {
    const full = readConfig({
      OIDC_ISSUER: "https://idp.example.test",
      OIDC_CLIENT_ID: "certdesk",
      OIDC_CLIENT_SECRET: "s",
    });
    expect(full.oidc).toEqual({
      issuer: "https://idp.example.test",
      clientId: "certdesk",
      clientSecret: "s",
      name: "Single sign-on",
    });
    expect(() => readConfig({ OIDC_ISSUER: "https://idp.example.test" })).toThrow(/must be set together/);
  });

  it("names the variable that is wrong", () => {
    expect(() => readConfig({ PORT: "eighty" })).toThrow(/PORT/);
  });

  it("reads the operators as normalised addresses, and refuses a list that is not addresses", () => {
    expect(readConfig({}).operatorEmails).toEqual([]);
    expect(
      readConfig({ CERTDESK_OPERATOR_EMAILS: " Ops@Example.com ,, second@example.com," }).operatorEmails,
    ).toEqual(["ops@example.com", "second@example.com"]);
    expect(() => readConfig({ CERTDESK_OPERATOR_EMAILS: "ops@example.com; other@example.com" })).toThrow(
      /CERTDESK_OPERATOR_EMAILS/,
    );
    expect(() => readConfig({ CERTDESK_OPERATOR_EMAILS: "operators" })).toThrow(/not an email address/);
  });
});
