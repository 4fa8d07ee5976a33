import { afterEach, describe, expect, it, vi } from "vitest";

const saved = new Map<string, string | undefined>();

afterEach(() => {
  for (const [key, value] of saved) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  saved.clear();
  vi.resetModules();
});

/** authOptions() as configured by these variables (config is read once per module load, hence the fresh import). */
async function options(env: Record<string, string>) {
  for (const [key, value] of Object.entries(env)) {
    if (!saved.has(key)) saved.set(key, process.env[key]);
    process.env[key] = value;
  }
  const { authOptions } = await import("./auth-options");
  return authOptions();
}

describe("authOptions", () => {
  it("offers email and password only, with sessions that expire after SESSION_MAX_AGE_HOURS", async () => {
    const result = await options({ SESSION_MAX_AGE_HOURS: "2" });
    expect(result.providers.map((p) => p.id)).toEqual(["credentials"]);
    expect(result.session).toEqual({ strategy: "jwt", maxAge: 7200 });
    expect(result.pages).toEqual({ signIn: "/login", error: "/login" });
  });

  it("adds a generic OpenID Connect provider when issuer, client id and secret are set", async () => {
    const result = await options({
      OIDC_ISSUER: "https://idp.example.test/realms/acme/",
      OIDC_CLIENT_ID: "certdesk",
      OIDC_CLIENT_SECRET: "s3cret",
      OIDC_NAME: "Acme SSO",
    });
    const oidc = result.providers.find((p) => p.id === "oidc") as unknown as Record<string, unknown>;
    expect(oidc).toMatchObject({
      name: "Acme SSO",
      type: "oauth",
      wellKnown: "https://idp.example.test/realms/acme/.well-known/openid-configuration",
      clientId: "certdesk",
      idToken: true,
      checks: ["pkce", "state"],
    });
  });
});
