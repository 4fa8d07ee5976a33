// The claim client against ActiveProspect's published samples (./fixtures), never against the simulator: every
// published answer must be read, every documented error status must become words, and the requests Certdesk sends
// must have the documented names and shapes. A local HTTP server plays TrustedForm, answering exactly the fixture.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";
import consent from "./fixtures/claim-3.0-leadconduit-consent.json";
import consentPlusData from "./fixtures/claim-3.0-leadconduit-consent-plus-data.json";
import outcomes from "./fixtures/claim-3.0-leadconduit-outcomes.json";
import documentSample from "./fixtures/claim-3.0-document-sample.json";
import templates from "./fixtures/claim-3.0-document-templates.json";
import portal from "./fixtures/claim-3.0-developer-portal.json";
import insights from "./fixtures/claim-3.0-insights.json";
import api2 from "./fixtures/claim-2.0-api-client-scan.json";
import errors from "./fixtures/claim-errors.json";
import { claimBody, claimCertificate, TrustedFormClaimError, viewClaim } from "./claim-certificate";
import { readClaimResponse } from "./read-claim-response";

interface Recorded {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

let server: http.Server;
let origin: string;
let next: { status: number; body: string | null; contentType?: string } = { status: 201, body: "{}" };
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
      response.writeHead(
        next.status,
        next.body === null ? {} : { "content-type": next.contentType ?? "application/json; charset=utf-8" },
      );
      response.end(next.body ?? undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Stands in for a sandbox of the deployment: the outbound guard lets only those reach loopback.
  allowSandboxOrigins(origin);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

function answerWith(status: number, body: unknown, contentType?: string) {
  next = {
    status,
    body: body === null ? null : typeof body === "string" ? body : JSON.stringify(body),
    contentType,
  };
}

describe("reading every published 3.0 answer", () => {
  it("reads the claim document's sample and the developer portal's, with masked_cert_url", async () => {
    for (const fixture of [documentSample, portal]) {
      answerWith(201, fixture.response.body);
      const answer = await claimCertificate(`${origin}/${CERT}`, "key", {});
      expect(answer.raw).toEqual(fixture.response.body);
      expect(answer.reading.unreadable).toEqual([]);
      expect(answer.reading.response).toMatchObject({
        outcome: "success",
        is_masked: false,
        fingerprints: fixture.response.body.fingerprints,
        scans: fixture.response.body.scans,
        warnings: [],
        cert: null,
      });
    }
    expect(readClaimResponse(portal.response.body).response.masked_cert_url).toBe(
      "https://example.com/1145b610ac97aa9f92d7cd2195446eac5e67ce53",
    );
  });

  it("reads a consent+data answer: version objects, form_input_method lists, masked/framed/mobile, cert_id", () => {
    const { response, unreadable } = readClaimResponse(consentPlusData.response.body);
    expect(unreadable).toEqual([]);
    expect(response).toMatchObject({
      outcome: "success",
      reason: null,
      is_masked: false,
      masked_cert_url: "https://cert.trustedform.com/533c80270218239ec3000012",
      warnings: ["none of the provided fingerprints match"],
    });
    expect(response.cert).toEqual({
      age_seconds: 87,
      approx_ip_geo: {
        city: "Austin",
        country_code: "US",
        lat: 30.4548,
        lon: -97.7664,
        postal_code: "78729",
        state: "TX",
        time_zone: "America/Chicago",
      },
      browser: {
        full: "Mobile Safari 13.1.2",
        name: "Mobile Safari",
        version: { full: "13.1.2", major: "13", minor: "1", patch: "2" },
      },
      cert_id: "7d7207c4b20f9cb5692f02e91871378bced1061d",
      created_at: "2021-11-18T17:57:09Z",
      domain: null,
      event_duration_ms: 20289,
      expires_at: "2021-11-24T17:57:09Z",
      form_input_method: ["typing"],
      ip: "68.203.9.158",
      is_framed: false,
      is_mobile: true,
      kpm: 0,
      wpm: 0,
      operating_system: {
        full: "iOS 13.6.1",
        name: "iOS",
        version: { full: "13.6.1", major: "13", minor: "6", patch: "1" },
      },
      page_id: "6058ba082e1fa93abc1b0c20",
      page_url: "https://activeprospect.github.io/trustedform_moose.html",
      parent_page_url: null,
      user_agent:
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/95.0.4638.69 Safari/537.36",
    });
    expect(readClaimResponse(consent.response.body)).toMatchObject({
      unreadable: [],
      response: { outcome: "success", is_masked: false, cert: null },
    });
  });

  it("reads the Insights sample's cert (browser and operating system versions, two input methods)", () => {
    const { response, unreadable } = readClaimResponse(insights.response.body);
    // The stored copy of that page is cut before `outcome`: the only thing missing.
    expect(unreadable).toEqual(["outcome: missing"]);
    expect(response.cert).toMatchObject({
      browser: { version: { full: "95.0.4638.69", major: "95", minor: "0", patch: "4638.69" } },
      operating_system: { name: "Mac OS X", version: { major: "10", minor: "15", patch: "7" } },
      form_input_method: ["typing", "autofill"],
      is_framed: true,
      is_mobile: false,
      kpm: 68.2314,
      wpm: 77.1234,
      domain: "example.com",
      parent_page_url: "https://www.example.com/index.html",
    });
  });

  it("reads failure and `error` outcomes with their reasons", () => {
    const [failure, error] = outcomes.responses.map((r) => readClaimResponse(r.body));
    expect(failure).toMatchObject({
      unreadable: [],
      response: { outcome: "failure", reason: "yo this failed" },
    });
    expect(error).toMatchObject({
      unreadable: [],
      response: { outcome: "error", reason: "an error occurred" },
    });
  });

  it("never refuses a 2xx, whatever its body: a 2.0 answer, odd shapes, HTML, nothing", async () => {
    const odd: Array<[unknown, string | undefined, RegExp]> = [
      [api2.response.body, undefined, /^outcome: missing$/],
      [
        { ...documentSample.response.body, outcome: "claimed" },
        undefined,
        /^outcome: a text other than success, failure or error$/,
      ],
      [{ ...documentSample.response.body, fingerprints: "none" }, undefined, /^fingerprints: a text/],
      [
        { ...consentPlusData.response.body, cert: { ...consentPlusData.response.body.cert, kpm: { v: 1 } } },
        undefined,
        /^cert\.kpm: an object, expected a number/,
      ],
      ["<html><body>Created</body></html>", "text/html", /^the whole answer: a text/],
      ["", "application/json", /^the whole answer: a text/],
    ];
    for (const [body, contentType, note] of odd) {
      answerWith(201, body, contentType);
      const answer = await claimCertificate(`${origin}/${CERT}`, "key", {});
      expect(answer.status).toBe(201);
      expect(answer.reading.unreadable.join(" | "), JSON.stringify(body).slice(0, 60)).toMatch(note);
    }
    // The 2.0 answer still shows what it can: its certificate facts under their 2.0 names.
    expect(readClaimResponse(api2.response.body).response.cert).toMatchObject({
      cert_id: "ab53363d0cc68d4bcd89c113d75c9c8e59a0eede",
      page_url: "https://s3.amazonaws.com/leadconduit_assets/all-the-things.html",
      browser: { full: "Chrome 80.0.3987" },
      is_framed: false,
    });
  });

  it("reads a view (GET, 200) the same way, and a 404 view as no claim", async () => {
    answerWith(200, portal.response.body);
    expect((await viewClaim(`${origin}/${CERT}`, "key"))?.reading.response.outcome).toBe("success");
    answerWith(404, { message: "TrustedForm certificate has expired or could not be found." });
    expect(await viewClaim(`${origin}/${CERT}`, "key")).toBeNull();
  });
});

describe("errors in words", () => {
  it("turns every published error status into a typed error a reviewer can act on", async () => {
    const words: Record<number, [string, RegExp]> = {
      400: ["malformed_url", /malformed/],
      401: ["unauthorized", /refused the API key/],
      402: ["payment_required", /inactive or out of funds/],
      404: ["not_found", /expired or unknown/],
      405: ["sandboxed", /sandboxed/],
      410: ["claim_period_passed", /claim period has passed.*Nothing was claimed or billed/],
      422: ["claimed_too_often", /too many times/],
    };
    for (const published of errors.responses.filter((r) => r.status < 500)) {
      answerWith(published.status, "body" in published ? (published.body ?? null) : null);
      const error = await claimCertificate(`${origin}/${CERT}`, "key", {}).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, String(published.status)).toBeInstanceOf(TrustedFormClaimError);
      const [kind, text] = words[published.status]!;
      expect((error as TrustedFormClaimError).kind).toBe(kind);
      expect((error as Error).message).toMatch(text);
    }
  });
});

describe("requests as the documents name them", () => {
  // trustedform-claim-api.md, "Request Body schema": email/email_N, phone/phone_N, fingerprint(s), reference,
  // vendor, required_scan_terms, forbidden_scan_terms, scan_delimiter.
  const documented =
    /^(email(_\d+)?|phone(_\d+)?|fingerprints?|reference|vendor|required_scan_terms|forbidden_scan_terms|scan_delimiter)$/;

  it("sends the document's sample with documented names, headers and value shapes", async () => {
    answerWith(201, documentSample.response.body);
    recorded.length = 0;
    const sample = documentSample.request.body;
    await claimCertificate(`${origin}/${CERT}`, "the-key", {
      email: [sample.email_1],
      phone: [sample.phone_1],
      reference: sample.reference,
      vendor: sample.vendor,
      requiredScanTerms: [sample.required_scan_terms],
      forbiddenScanTerms: [sample.forbidden_scan_terms],
      fingerprints: ["c4a8e7fe184993964ae81380e91579015306838a"],
    });
    const [request] = recorded;
    expect(request).toMatchObject({ method: "POST", url: `/${CERT}` });
    expect(request!.headers).toMatchObject({
      accept: "application/json",
      "content-type": "application/json",
      "api-version": "3.0",
      authorization: `Basic ${Buffer.from("API:the-key").toString("base64")}`,
    });
    const body = JSON.parse(request!.body) as Record<string, unknown>;
    for (const [name, value] of Object.entries(body)) {
      expect(name).toMatch(documented);
      const ok =
        typeof value === "string" ||
        (Array.isArray(value) && value.every((v) => typeof v === "string" || typeof v === "object"));
      expect(ok, name).toBe(true);
    }
    expect(body).toEqual({
      email: "user@example.com",
      phone_1: "999-999-0909",
      reference: "1128238382829",
      vendor: "Acme Co.",
      required_scan_terms: ["I agree to the terms of service"],
      forbidden_scan_terms: ["I do not agree to the terms of service"],
      fingerprint: "c4a8e7fe184993964ae81380e91579015306838a",
    });
  });

  it("sends templates exactly as the Templating section shows them", () => {
    const published = templates.request.body.required_scan_terms;
    expect(claimBody({ requiredScanTerms: published }).required_scan_terms).toEqual(published);
  });
});
