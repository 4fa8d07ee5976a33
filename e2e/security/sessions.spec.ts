// From the attacker's side: a copy of a session cookie (from a shared computer, a proxy log, another tab) is
// replayed after the session was ended by a sign-out, a role change or a removal. Each replay must be refused on a
// page (redirect to the sign-in form), a server action (the "session has ended" answer) and a route handler (401),
// and must not accept an invitation in the account's name.
import { expect, test, type Browser, type Cookie, type Page } from "@playwright/test";
import { inviteMember } from "@/lib/invitations/invite-member";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { removeMember } from "@/lib/members/remove-member";
import { E2E } from "../support/e2e-env";
import { addUserToTenant, createTenantWithOwner, signIn, signOut, TEST_PASSWORD } from "../support/fixtures";

const ENDED = "Your session has ended. Sign in again.";

interface CapturedAction {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** The exact request the browser sends for a server action: the credits balance the new-certification page asks. */
async function captureCreditsAction(page: Page): Promise<CapturedAction> {
  const request = page.waitForRequest((r) => r.method() === "POST" && Boolean(r.headers()["next-action"]));
  await page.goto("/certifications/new");
  const sent = await request;
  const headers = sent.headers();
  return {
    url: sent.url(),
    headers: {
      "next-action": headers["next-action"]!,
      "content-type": headers["content-type"] ?? "text/plain;charset=UTF-8",
      accept: "text/x-component",
      origin: E2E.appUrl,
    },
    body: sent.postData() ?? "[]",
  };
}

/** What a stranger holding only the copied cookies gets from a page, the action and a route handler. */
async function replay(browser: Browser, cookies: Cookie[], action: CapturedAction) {
  const context = await browser.newContext({ baseURL: E2E.appUrl });
  try {
    await context.addCookies(cookies);
    const page = await context.newPage();
    await page.goto("/settings/members");
    const signedIn = await page
      .getByTestId("user-email")
      .isVisible()
      .catch(() => false);
    const pageUrl = new URL(page.url()).pathname;
    const actionAnswer = await (
      await context.request.post(action.url, { headers: action.headers, data: action.body, maxRedirects: 0 })
    ).text();
    const exportStatus = (await context.request.get("/claims/export", { maxRedirects: 0 })).status();
    return { pageUrl, signedIn, actionAnswer, exportStatus };
  } finally {
    await context.close();
  }
}

test("a session cookie copied before sign-out is refused everywhere afterwards", async ({
  page,
  browser,
}) => {
  const { tenant } = await createTenantWithOwner();
  const { user } = await addUserToTenant(tenant.id, "admin");
  await signIn(page, user.email, TEST_PASSWORD);
  const action = await captureCreditsAction(page);
  const copied = await page.context().cookies();

  const before = await replay(browser, copied, action);
  expect(before).toMatchObject({ pageUrl: "/settings/members", signedIn: true, exportStatus: 200 });
  expect(before.actionAnswer).not.toContain(ENDED);

  await signOut(page);

  const after = await replay(browser, copied, action);
  expect(after).toMatchObject({ pageUrl: "/login", signedIn: false, exportStatus: 401 });
  expect(after.actionAnswer).toContain(ENDED);
  // The sign-in form is shown (no redirect loop on the ended cookie), and signing in again works.
  await page.goto("/login");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await signIn(page, user.email, TEST_PASSWORD);
});

test("a cookie copied before a role change does not keep the old role's power", async ({ page, browser }) => {
  const { actor, tenant } = await createTenantWithOwner();
  const { user, membership } = await addUserToTenant(tenant.id, "admin");
  await signIn(page, user.email, TEST_PASSWORD);
  const action = await captureCreditsAction(page);
  const copied = await page.context().cookies();

  await changeMemberRole(actor, membership.id, "viewer");

  // Not a 403 for a viewer: the session itself is over, on every route.
  const after = await replay(browser, copied, action);
  expect(after).toMatchObject({ pageUrl: "/login", signedIn: false, exportStatus: 401 });
  expect(after.actionAnswer).toContain(ENDED);
  await page.reload();
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, user.email, TEST_PASSWORD);
  await expect(page.getByLabel("User menu")).toContainText("viewer");
});

test("a removed member's cookie is refused, even in another tenant they still belong to", async ({
  page,
  browser,
}) => {
  const { actor, tenant } = await createTenantWithOwner();
  const other = await createTenantWithOwner();
  const { user, membership } = await addUserToTenant(tenant.id, "admin");
  const { systemDb } = await import("@/lib/db/client");
  await systemDb.membership.create({ data: { tenantId: other.tenant.id, userId: user.id, role: "admin" } });
  await signIn(page, user.email, TEST_PASSWORD);
  const action = await captureCreditsAction(page);
  const copied = await page.context().cookies();

  await removeMember(actor, membership.id);

  const after = await replay(browser, copied, action);
  expect(after).toMatchObject({ pageUrl: "/login", signedIn: false, exportStatus: 401 });
  expect(after.actionAnswer).toContain(ENDED);
});

test("an ended session cannot accept an invitation for its account", async ({ page, browser }) => {
  const { tenant } = await createTenantWithOwner();
  const other = await createTenantWithOwner("Inviting Tenant");
  const { user } = await addUserToTenant(tenant.id, "reviewer");
  const { inviteUrl } = await inviteMember(other.actor, { email: user.email, role: "viewer" });
  await signIn(page, user.email, TEST_PASSWORD);
  const copied = await page.context().cookies();

  const offered = async () => {
    const context = await browser.newContext({ baseURL: E2E.appUrl });
    try {
      await context.addCookies(copied);
      const invite = await context.newPage();
      // The link names the server's public URL; this process does not know it, so only its path is used.
      const link = new URL(inviteUrl);
      await invite.goto(`${link.pathname}${link.search}`);
      await expect(invite.getByRole("heading", { name: "Accept the invitation" })).toBeVisible();
      return {
        join: await invite.getByRole("button", { name: "Join Inviting Tenant" }).count(),
        signInFirst: await invite.getByRole("link", { name: "Sign in to accept" }).count(),
      };
    } finally {
      await context.close();
    }
  };
  expect(await offered()).toEqual({ join: 1, signInFirst: 0 });
  await signOut(page);
  expect(await offered()).toEqual({ join: 0, signInFirst: 1 });
});
