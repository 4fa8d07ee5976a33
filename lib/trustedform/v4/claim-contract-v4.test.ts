// The 4.0 client against ActiveProspect's published samples (../fixtures/claim-4.0-*.json), never against the
// simulator: a local HTTP server plays TrustedForm and answers exactly the fixture. It proves what goes on the wire
// (headers, Basic auth, fingerprints instead of contact data) and the money rule (any 2xx is done and billed,
// whatever its body; a lost answer is unknown; documented refusals become words).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";
import leadconduit from "../fixtures/claim-4.0-leadconduit.json";
import portal from "../fixtures/claim-4.0-developer-portal.json";
import errors from "../fixtures/claim-4.0-errors.json";
import verifyFailures from "../fixtures/claim-4.0-verify-failures.json";
import { emailFingerprint } from "../fingerprint";
import {
  claimCertificateV4,
  ClaimOutcomeUnknownError,
  TrustedFormV4Error,
  V4RequestInvalidError,
} from "./claim-certificate-v4";

interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let origin: string;
let next: { status: number; body: string | null; drop?: boolean } = { status: 200, body: "{}" };
const recorded: Recorded[] = [];
const CERT = "2605ec3a321e1b3a41addf0bba1213505ef57985";

beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      recorded.push({
        method: request.method!,
        url: request.url!,
        headers: request.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      if (next.drop) return request.socket.destroy();
      response.writeHead(next.status, next.body === null ? {} : { "content-type": "application/json" });
      response.end(next.body ?? undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  allowSandboxOrigins(origin);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function answerWith(status: number, body: unknown, drop = false) {
  next = {
    status,
    body: body === null ? null : typeof body === "string" ? body : JSON.stringify(body),
    drop,
  };
}

describe("the 4.0 request on the wire", () => {
  it("POSTs JSON with api-version 4.0, Basic auth as API, and fingerprints only", async () => {
    answerWith(200, leadconduit.responses[0]!.body);
    const answer = await claimCertificateV4(`${origin}/${CERT}`, "secret-key", {
      matchLead: { email: "Superman@ActiveProspect.com", phone: "(512) 298-1234" },
      retain: { reference: "lead-1", vendor: "Acme" },
      insights: { properties: ["bot_detected", "seconds_on_page"] },
      verify: { advertiser_name: "Acme Inc." },
    });
    const request = recorded.at(-1)!;
    expect(request.method).toBe("POST");
    expect(request.url).toBe(`/${CERT}`);
    expect(request.headers["api-version"]).toBe("4.0");
    expect(request.headers["content-type"]).toBe("application/json");
    expect(request.headers.accept).toBe("application/json");
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from("API:secret-key").toString("base64")}`);
    const body = JSON.parse(request.body) as Record<string, Record<string, unknown>>;
    expect(Object.keys(body)).toEqual(["match_lead", "retain", "insights", "verify"]);
    expect(body.match_lead!.email).toBe(emailFingerprint("superman@activeprospect.com"));
    expect(request.body).not.toMatch(/superman|298/i);
    expect(answer.sent).toEqual(body);
    expect(answer.status).toBe(200);
    expect(answer.raw).toEqual(leadconduit.responses[0]!.body);
  });

  it("refuses retain without lead matching before sending anything", async () => {
    const before = recorded.length;
    await expect(claimCertificateV4(`${origin}/${CERT}`, "k", { retain: {} })).rejects.toBeInstanceOf(
      V4RequestInvalidError,
    );
    expect(recorded.length).toBe(before);
  });
});

describe("the money rule: any 2xx is done and billed", () => {
  it("keeps success, failure and error answers of 200 as answers, with their raw body", async () => {
    for (const body of [
      leadconduit.responses[0]!.body,
      leadconduit.responses[1]!.body,
      portal.response.body,
      ...verifyFailures.responses.map((r) => r.body),
    ]) {
      answerWith(200, body);
      const answer = await claimCertificateV4(`${origin}/${CERT}`, "k", { verify: {} });
      expect(answer.raw).toEqual(body);
      expect(answer.reading.unreadable).toEqual([]);
    }
    answerWith(200, leadconduit.responses[1]!.body);
    const failure = await claimCertificateV4(`${origin}/${CERT}`, "k", { insights: { properties: ["ip"] } });
    expect(failure.reading.response).toMatchObject({
      outcome: "failure",
      reason: "Insights page scans unsuccessful",
    });
  });

  it("keeps a 2xx whose body it cannot read (another 2xx, not JSON, empty), noting what it could not read", async () => {
    answerWith(201, "<html>ok</html>");
    const html = await claimCertificateV4(`${origin}/${CERT}`, "k", { verify: {} });
    expect(html.raw).toBe("<html>ok</html>");
    expect(html.reading.unreadable).toEqual(["the whole answer: a text, expected a JSON object"]);
    answerWith(200, null);
    const empty = await claimCertificateV4(`${origin}/${CERT}`, "k", { verify: {} });
    expect(empty.status).toBe(200);
    expect(empty.reading.response.outcome).toBeNull();
  });

  it("turns a 5xx and a dropped connection into an unknown outcome, never an error to retry", async () => {
    const server500 = errors.responses.find((r) => r.status === 500)!;
    answerWith(500, server500.body ?? null);
    await expect(claimCertificateV4(`${origin}/${CERT}`, "k", { verify: {} })).rejects.toBeInstanceOf(
      ClaimOutcomeUnknownError,
    );
    answerWith(200, "{}", true);
    await expect(claimCertificateV4(`${origin}/${CERT}`, "k", { verify: {} })).rejects.toBeInstanceOf(
      ClaimOutcomeUnknownError,
    );
  });

  it("turns a timeout into an unknown outcome", async () => {
    const slow = http.createServer(() => undefined);
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    const slowOrigin = `http://127.0.0.1:${(slow.address() as AddressInfo).port}`;
    allowSandboxOrigins(slowOrigin);
    try {
      await expect(
        claimCertificateV4(`${slowOrigin}/${CERT}`, "k", { verify: {} }, 300),
      ).rejects.toBeInstanceOf(ClaimOutcomeUnknownError);
    } finally {
      slow.closeAllConnections();
      await new Promise((resolve) => slow.close(resolve));
    }
  });
});

describe("documented refusals in words", () => {
  it("maps every status of the errors fixture below 500 to a kind and a message", async () => {
    const kinds: Record<number, [string, RegExp]> = {
      400: ["bad_request", /malformed/],
      401: ["unauthorized", /refused the API key/],
      402: ["payment_required", /inactive or out of funds/],
      403: ["operation_unavailable", /plan does not include/],
      404: ["not_found", /expired or unknown/],
      405: ["sandboxed", /sandboxed/],
      410: ["claim_period_passed", /time has passed/],
      422: ["unprocessable", /invalid/],
    };
    for (const fixture of errors.responses.filter((r) => r.status < 500)) {
      answerWith(fixture.status, null);
      const error = await claimCertificateV4(`${origin}/${CERT}`, "k", { verify: {} }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, String(fixture.status)).toBeInstanceOf(TrustedFormV4Error);
      const [kind, words] = kinds[fixture.status]!;
      expect((error as TrustedFormV4Error).kind).toBe(kind);
      expect((error as Error).message).toMatch(words);
    }
    answerWith(418, null);
    await expect(claimCertificateV4(`${origin}/${CERT}`, "k", { verify: {} })).rejects.toThrow(/HTTP 418/);
  });
});
