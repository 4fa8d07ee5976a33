// Client address spoofing, from the attacker's side, against the real app as `npm start` runs it
// (TRUSTED_PROXY_HOPS=0): forged X-Forwarded-For values (and a forged copy of the header Certdesk's server uses
// internally) neither get around the per-address sign-in throttle nor end up in the audit log.
import crypto from "node:crypto";
import http from "node:http";
import { CLIENT_IP_HEADER } from "@/lib/auth/client-ip";
import { systemDb } from "@/lib/db/client";
import { E2E } from "../support/e2e-env";
import { expect, test, uniqueEmail } from "../support/fixtures";

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request to the app from `from` (a loopback address of the attacker's choosing). */
function request(from: string, method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<Answer>((resolve, reject) => {
    const sent = http.request(
      {
        host: "127.0.0.1",
        port: E2E.appPort,
        localAddress: from,
        method,
        path,
        headers: { host: `localhost:${E2E.appPort}`, ...headers },
      },
      (response) => {
        let text = "";
        response.on("data", (chunk: Buffer) => (text += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }),
        );
      },
    );
    sent.on("error", reject);
    sent.end(body);
  });
}

/** A failed sign-in through next-auth's credentials callback, as a script would send it; answers the message. */
async function failedSignIn(from: string, email: string, spoofed: Record<string, string>) {
  const csrf = await request(from, "GET", "/api/auth/csrf", spoofed);
  const { csrfToken } = JSON.parse(csrf.body) as { csrfToken: string };
  const cookie = (csrf.headers["set-cookie"] ?? []).map((line) => line.split(";")[0]).join("; ");
  const answer = await request(
    from,
    "POST",
    "/api/auth/callback/credentials",
    { ...spoofed, cookie, "content-type": "application/x-www-form-urlencoded" },
    new URLSearchParams({ csrfToken, email, password: "wrong password", json: "true" }).toString(),
  );
  expect(answer.status).toBeLessThan(500);
  const target = answer.headers.location ?? (JSON.parse(answer.body) as { url: string }).url;
  return new URL(target, E2E.appUrl).searchParams.get("error") ?? "";
}

test("40 failed sign-ins with 40 forged X-Forwarded-For values are throttled as one address, and the audit log records the real one", async () => {
  // A loopback address of this test's own: 127.0.0.1 is shared by the other tests, which this one would lock out.
  const attacker = `127.${crypto.randomInt(1, 255)}.${crypto.randomInt(1, 255)}.${crypto.randomInt(2, 255)}`;
  const forged: string[] = [];
  const messages: string[] = [];
  const emails: string[] = [];
  for (let i = 0; i < 40; i++) {
    // Another address each time, and a different account each time so that only the per-address limit can block.
    const spoofed = `203.0.113.${i + 1}`;
    const internal = `198.51.100.${i + 1}`;
    forged.push(spoofed, internal);
    const email = uniqueEmail("spoof");
    emails.push(email);
    messages.push(
      await failedSignIn(attacker, email, {
        "x-forwarded-for": i % 2 === 0 ? spoofed : `${internal}, ${spoofed}`,
        [CLIENT_IP_HEADER]: internal,
      }),
    );
  }

  // LOGIN_MAX_FAILURES_PER_IP is 30: the 31st attempt onwards is refused, whatever the headers said.
  expect(messages.slice(0, 30)).toEqual(Array(30).fill("The email or password is not correct."));
  for (const message of messages.slice(30)) expect(message).toMatch(/^Too many failed sign-in attempts\./);

  const failures = await systemDb.loginFailure.groupBy({
    by: ["key"],
    where: { key: { in: [attacker, ...forged].map((address) => `ip:${address}`) } },
    _count: true,
  });
  expect(failures).toEqual([{ key: `ip:${attacker}`, _count: 30 }]);

  const audit = await systemDb.auditEntry.findMany({
    where: { actorEmail: { in: emails }, action: "auth.login_failed" },
    select: { ip: true },
  });
  expect(audit).toHaveLength(40);
  expect(new Set(audit.map((entry) => entry.ip))).toEqual(new Set([attacker]));
});
