// Single sign-on finds the Certdesk account by the email address the identity provider's profile carries. Many
// providers let a user put any address in their profile without proving it (self-registration, a directory's
// editable mail attribute, a social login): such a profile must not open the account that owns the address, or
// anyone at the provider could sign in as any member, or as an operator (CERTDESK_OPERATOR_EMAILS).
import { describe, expect, it } from "vitest";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { authOptions } from "./auth-options";

type SignIn = NonNullable<ReturnType<typeof authOptions>["callbacks"]>["signIn"];
type Jwt = NonNullable<ReturnType<typeof authOptions>["callbacks"]>["jwt"];

async function signInWith(email: string, profile: Record<string, unknown>) {
  const callbacks = authOptions().callbacks!;
  const user = { id: "idp-subject-1", email, name: "Mallory" };
  const account = { provider: "oidc", type: "oauth" as const, providerAccountId: "idp-subject-1" };
  const allowed = await (callbacks.signIn as SignIn)!({
    user,
    account,
    profile: { sub: "idp-subject-1", email, ...profile },
  } as Parameters<SignIn & object>[0]);
  const token = allowed
    ? await (callbacks.jwt as Jwt)!({ token: {}, user, account } as Parameters<Jwt & object>[0])
    : null;
  return { allowed, token };
}

describe("OIDC sign-in", () => {
  it("refuses a profile whose email address the provider has not verified", async () => {
    const { owner } = await createTenantWithOwner();
    for (const profile of [{ email_verified: false }, {}, { email_verified: "false" }]) {
      const { allowed } = await signInWith(owner.email.toUpperCase(), profile);
      expect(allowed, JSON.stringify(profile)).toBe(false);
    }
  });

  it("signs a member in when the provider vouches for the address", async () => {
    const { owner } = await createTenantWithOwner();
    for (const email_verified of [true, "true"]) {
      const { allowed, token } = await signInWith(owner.email, { email_verified });
      expect(allowed).toBe(true);
      expect(token).toMatchObject({ sub: owner.id, email: owner.email });
    }
  });
});
