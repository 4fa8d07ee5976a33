// Open redirects and crashes through next-auth's callbackUrl, from the attacker's side: the exact requests a
// phishing link or a planted cookie makes, with hostile callbackUrls. Each answers a redirect to the app itself,
// never a 500 and never another site.
import { E2E } from "../support/e2e-env";
import { createTenantWithOwner, expect, test, TEST_PASSWORD } from "../support/fixtures";

const app = new URL(E2E.appUrl);
const HOSTILE = [
  `http://localhost:${app.port}.evil.com/`,
  "http://localhost:3000.evil.com/",
  "https://evil.com/",
  "//evil.com",
  "//evil.com/certifications",
  "/\\evil.com",
  "javascript:alert(document.cookie)",
  `http://localhost:${app.port}@evil.com/`,
  `http://evil.com@localhost:${app.port}/`,
  `http://user:password@localhost:${app.port}/`,
  "http://[::1",
];

/** The redirect target must be this app; so must any callbackUrl it carries along. */
function expectOnApp(location: string | null) {
  expect(location, "a redirect").toBeTruthy();
  const target = new URL(location!, E2E.appUrl);
  expect(target.origin).toBe(app.origin);
  expect(target.username + target.password).toBe("");
  const carried = target.searchParams.get("callbackUrl");
  if (carried) {
    const inner = new URL(carried, E2E.appUrl);
    expect(inner.origin).toBe(app.origin);
    expect(inner.username + inner.password).toBe("");
  }
}

async function csrf() {
  const answer = await fetch(`${E2E.appUrl}/api/auth/csrf`);
  const { csrfToken } = (await answer.json()) as { csrfToken: string };
  const cookie = answer.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  return { csrfToken, cookie };
}

test("a hostile callbackUrl on the sign-in page, in the callback cookie, on sign-in and on sign-out redirects to the app", async () => {
  const { owner } = await createTenantWithOwner();
  for (const hostile of HOSTILE) {
    await test.step(hostile, async () => {
      // A phishing link to the sign-in page.
      const signin = await fetch(`${E2E.appUrl}/api/auth/signin?callbackUrl=${encodeURIComponent(hostile)}`, {
        redirect: "manual",
      });
      expect(signin.status).toBe(302);
      expectOnApp(signin.headers.get("location"));

      // The same value planted in next-auth's callback-url cookie.
      const planted = await fetch(`${E2E.appUrl}/api/auth/signin`, {
        redirect: "manual",
        headers: { cookie: `next-auth.callback-url=${encodeURIComponent(hostile)}` },
      });
      expect(planted.status).toBe(302);
      expectOnApp(planted.headers.get("location"));

      // A real sign-in that carries it: the browser is sent home, signed in, not to the attacker.
      const { csrfToken, cookie } = await csrf();
      const form = { csrfToken, email: owner.email, password: TEST_PASSWORD, callbackUrl: hostile };
      const callback = await fetch(`${E2E.appUrl}/api/auth/callback/credentials`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(form).toString(),
      });
      expect(callback.status).toBe(302);
      expectOnApp(callback.headers.get("location"));
      expect(
        callback.headers.getSetCookie().some((line) => line.startsWith("next-auth.session-token=")),
      ).toBe(true);
      // As the login page's own script asks for it (json=true: the target comes back in the body).
      if (hostile === HOSTILE[0] || hostile === "//evil.com") {
        const withJson = await fetch(`${E2E.appUrl}/api/auth/callback/credentials`, {
          method: "POST",
          headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ ...form, json: "true" }).toString(),
        });
        expect(withJson.status).toBe(200);
        expectOnApp(((await withJson.json()) as { url: string }).url);
      }

      // Sign-out with it.
      const signout = await fetch(`${E2E.appUrl}/api/auth/signout`, {
        method: "POST",
        redirect: "manual",
        headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrfToken, callbackUrl: hostile }).toString(),
      });
      expect(signout.status).toBe(302);
      expectOnApp(signout.headers.get("location"));
    });
  }
});
