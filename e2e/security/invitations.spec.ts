// The cross-tenant account takeover, replayed by tenant A's admin in the browser: every step must fail, and
// tenant B's own invitation must still work.
import { expect, test } from "@playwright/test";
import { inviteMember } from "@/lib/invitations/invite-member";
import { createTenantWithOwner, signIn, signOut, TEST_PASSWORD, uniqueEmail } from "../support/fixtures";

const pathOf = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

test("an admin of another tenant gets no credential for B's invited member; B's invitation still works", async ({
  page,
  browser,
}) => {
  const a = await createTenantWithOwner("Attacker Tenant");
  const b = await createTenantWithOwner("Victim Tenant");
  const victim = uniqueEmail("victim");
  const bInvite = await inviteMember(b.actor, { email: victim, role: "admin" });

  // A's owner invites the victim, and an address nobody has: the answers read the same.
  await signIn(page, a.owner.email, TEST_PASSWORD);
  await page.goto("/settings/members");
  const invite = async (email: string) => {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Role").selectOption("viewer");
    await page.getByRole("button", { name: "Invite member" }).click();
    const status = page.getByRole("status").filter({ hasText: "Invitation ready" });
    await expect(status).toContainText(email);
    return {
      text: (await status.innerText()).replace(email, "<email>"),
      link: await page.getByTestId("invitation-link").inputValue(),
    };
  };
  const unknown = await invite(uniqueEmail("nobody"));
  const attack = await invite(victim);
  expect(attack.text).toBe(unknown.text);
  expect(attack.link).toMatch(/\/invite\?token=[\w-]{43}$/);

  // Opened while signed in as the attacker: no password form, no way to accept.
  await page.goto(pathOf(attack.link));
  await expect(
    page.getByText(`This invitation is for ${victim}, and you are signed in as ${a.owner.email}`),
  ).toBeVisible();
  await expect(page.getByLabel("New password")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Join/ })).toHaveCount(0);

  // Signed out: the link only asks the account's owner to sign in.
  await page.goto("/certifications");
  await signOut(page);
  await page.goto(pathOf(attack.link));
  await expect(page.getByText(`A Certdesk account for ${victim} already exists.`)).toBeVisible();
  await expect(page.getByLabel("New password")).toHaveCount(0);

  // Nobody can sign in as the victim.
  await page.goto("/login");
  await page.getByLabel("Email").fill(victim);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(page).toHaveURL(/\/login/);

  // B's invitation still works, in a browser of the victim's own (through the old set-password path too).
  const victimContext = await browser.newContext();
  const victimPage = await victimContext.newPage();
  const bToken = new URL(bInvite.inviteUrl).searchParams.get("token")!;
  await victimPage.goto(`/set-password?token=${bToken}`);
  await expect(victimPage.getByText(`${victim} is invited to join Victim Tenant as admin.`)).toBeVisible();
  await victimPage.getByLabel("New password").fill("the victim's own password");
  await victimPage.getByLabel("Repeat the password").fill("the victim's own password");
  await victimPage.getByRole("button", { name: "Set password" }).click();
  await expect(victimPage.getByText(/you joined Victim Tenant/)).toBeVisible();
  await signIn(victimPage, victim, "the victim's own password");
  await expect(victimPage.getByTestId("active-tenant")).toHaveText("Victim Tenant");

  // A's invitation, opened by the victim while signed in, is theirs to accept or ignore.
  await victimPage.goto(pathOf(attack.link));
  await expect(victimPage.getByRole("button", { name: "Join Attacker Tenant" })).toBeVisible();
  await victimContext.close();
});

test("an existing user signs in from the invitation and accepts it; the link then stops working", async ({
  page,
}) => {
  const a = await createTenantWithOwner("Inviting Tenant");
  const b = await createTenantWithOwner("Home Tenant");
  const invited = await inviteMember(a.actor, { email: b.owner.email, role: "reviewer" });
  const link = pathOf(invited.inviteUrl);
  await page.goto(link);
  await page.getByRole("link", { name: "Sign in to accept" }).click();
  await page.getByLabel("Email").fill(b.owner.email);
  await page.getByLabel("Password").fill(TEST_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Join Inviting Tenant" }).click();
  // A member of two tenants now: the switcher shows the one just joined as the active one.
  await expect(page.getByRole("combobox", { name: "Tenant" }).locator("option:checked")).toHaveText(
    "Inviting Tenant (reviewer)",
  );
  await page.goto(link);
  await expect(page.getByText(/This invitation is not valid any more/)).toBeVisible();
});

test("an owner withdraws and renews invitations from the members page", async ({ page }) => {
  const { owner } = await createTenantWithOwner();
  await signIn(page, owner.email, TEST_PASSWORD);
  await page.goto("/settings/members");
  await expect(page.getByText("No invitation is waiting.")).toBeVisible();
  const email = uniqueEmail("pending");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Invite member" }).click();
  const first = await page.getByTestId("invitation-link").inputValue();
  const row = page.getByTestId("invitations-list").getByRole("listitem").filter({ hasText: email });
  await row.getByRole("button", { name: `New link for ${email}` }).click();
  const renewed = row.getByTestId("invitation-link");
  await expect(renewed).toBeVisible();
  const second = await renewed.inputValue();
  expect(second).not.toBe(first);
  await row.getByRole("button", { name: "Withdraw" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Withdraw invitation" }).click();
  await expect(page.getByText("No invitation is waiting.")).toBeVisible();
  await signOut(page);
  for (const link of [first, second]) {
    await page.goto(pathOf(link));
    await expect(page.getByText(/This invitation is not valid any more/)).toBeVisible();
  }
});
