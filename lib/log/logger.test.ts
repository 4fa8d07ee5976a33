// The logger from the outside: what reaches the JSON lines when callers hand it requests, headers, configuration,
// errors and messages full of secrets, and the request and tenant ids a request's lines carry.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { bindLogTenant, runWithLogContext } from "./log-context";
import { createLogger, logError } from "./logger";

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      lines.push(...chunk.toString().split("\n").filter(Boolean));
      callback();
    },
  });
  const log = createLogger({ destination, level: "debug" });
  return { log, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

const SECRETS = [
  "sk_live_abcdef123456",
  "eyJhbGciOiJIUzI1NiJ9.payload.sig",
  "session-cookie-value-42",
  "hunter2-password",
  "db-password-99",
  "smtp-pass-77",
  "AKIAEXAMPLEKEY",
  "s3-secret-key-88",
  "wh-secret-5",
  "metrics-token-123",
  "0123456789abcdef0123456789abcdef",
  "tf-api-key-66",
  "masterkeybase64==",
];

describe("log redaction", () => {
  it("logs a request with secrets in headers, body, config and URLs without any of them", () => {
    const { log, lines } = capture();
    log.info(
      {
        req: {
          method: "POST",
          url: "/api/claims?api_key=tf-api-key-66&page=2",
          headers: {
            Authorization: "Bearer sk_live_abcdef123456",
            cookie: "next-auth.session-token=session-cookie-value-42",
            "X-API-Key": "tf-api-key-66",
            "user-agent": "curl/8",
          },
        },
        body: { email: "a@example.com", password: "hunter2-password", newPassword: "hunter2-password" },
        config: {
          DATABASE_URL: "postgres://certdesk:db-password-99@db:5432/certdesk",
          SMTP_URL: "smtp://mailer:smtp-pass-77@mail.example:587",
          EVIDENCE_S3_ACCESS_KEY_ID: "AKIAEXAMPLEKEY",
          EVIDENCE_S3_SECRET_ACCESS_KEY: "s3-secret-key-88",
          CERTDESK_METRICS_TOKEN: "metrics-token-123",
          CERTDESK_MASTER_KEYS: "k1:masterkeybase64==",
          PORT: 3000,
        },
        connection: { apiKey: "sk_live_abcdef123456", webhookSecret: "wh-secret-5", lastFour: "3456" },
        nested: [{ deeper: { accessToken: "eyJhbGciOiJIUzI1NiJ9.payload.sig" } }],
      },
      "request received",
    );
    const output = lines.join("\n");
    for (const secret of SECRETS) expect(output).not.toContain(secret);
    const line = JSON.parse(lines[0]!);
    // What is not secret stays, so the line is still useful.
    expect(line.msg).toBe("request received");
    expect(line.req.method).toBe("POST");
    expect(line.req.url).toBe("/api/claims?api_key=[REDACTED]&page=2");
    expect(line.req.headers["user-agent"]).toBe("curl/8");
    expect(line.req.headers.Authorization).toBe("[REDACTED]");
    expect(line.body.email).toBe("a@example.com");
    expect(line.config.PORT).toBe(3000);
    expect(line.connection.lastFour).toBe("3456");
    expect(line.level).toBe("info");
  });

  it("scrubs secrets out of messages, printf arguments, errors, their causes and child bindings", () => {
    const { log, lines } = capture();
    log.warn("could not connect to postgres://app:db-password-99@10.0.0.5/certdesk");
    log.info("calling with %s", "Authorization: Bearer sk_live_abcdef123456");
    const cause = new Error(
      "GET https://artifacts.example/x?X-Amz-Signature=0123456789abcdef0123456789abcdef failed",
    );
    const error = Object.assign(new Error("login as smtp://u:smtp-pass-77@mail failed", { cause }), {
      apiKey: "tf-api-key-66",
    });
    logError(log, "sending mail", error);
    log.child({ token: "metrics-token-123", component: "x" }).info("child line");
    log.error(new Error("bad key masterkeybase64== in CERTDESK_MASTER_KEYS"), "boom");
    const output = lines.join("\n");
    for (const secret of SECRETS.filter((s) => s !== "masterkeybase64=="))
      expect(output).not.toContain(secret);
    const parsed = lines.map((line) => JSON.parse(line));
    expect(parsed[0].msg).toBe("could not connect to postgres://[REDACTED]@10.0.0.5/certdesk");
    expect(parsed[2].msg).toBe("sending mail failed");
    expect(parsed[2].err.type).toBe("Error");
    expect(parsed[2].err.apiKey).toBe("[REDACTED]");
    expect(parsed[2].err.cause.message).toContain("X-Amz-Signature=[REDACTED]");
    expect(parsed[3].component).toBe("x");
    expect(parsed[3].token).toBe("[REDACTED]");
  });

  it("scrubs Certdesk's own credentials wherever they stand, without a key or a scheme naming them", () => {
    const { log, lines } = capture();
    const apiToken = `cdk_${"Ab3_-".repeat(8)}xyz`;
    const webhookSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    log.info("pasted %s into the claim's reference", apiToken);
    log.warn({ note: `receiver configured with ${webhookSecret}` }, "webhook");
    logError(log, "api claim", new Error(`certUrl "${apiToken}" is not a certificate`));
    const output = lines.join("\n");
    expect(output).not.toContain(apiToken.slice(4));
    expect(output).not.toContain(webhookSecret.slice(6));
    expect(output).toContain("cdk_[REDACTED]");
    expect(output).toContain("whsec_[REDACTED]");
  });

  it("keeps circular and very deep objects from breaking a line", () => {
    const { log, parsed } = capture();
    const loop: Record<string, unknown> = { name: "loop" };
    loop.self = loop;
    let deep: Record<string, unknown> = { password: "hunter2-password" };
    for (let i = 0; i < 30; i++) deep = { next: deep };
    log.info({ loop, deep }, "odd shapes");
    const line = parsed()[0]!;
    expect((line.loop as Record<string, unknown>).self).toBe("[Circular]");
    expect(JSON.stringify(line)).not.toContain("hunter2-password");
  });
});

describe("log context", () => {
  it("puts the request id on every line of a request and the tenant id once a gate binds it", async () => {
    const { log, parsed } = capture();
    log.info("outside");
    await Promise.all([
      runWithLogContext({ requestId: "req-a" }, async () => {
        log.info("a before");
        await new Promise((resolve) => setTimeout(resolve, 5));
        bindLogTenant("tenant-a");
        log.info("a after");
      }),
      runWithLogContext({ requestId: "req-b" }, async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        log.info("b");
      }),
    ]);
    bindLogTenant("nobody");
    const byMessage = Object.fromEntries(parsed().map((line) => [line.msg, line]));
    expect(byMessage.outside!.requestId).toBeUndefined();
    expect(byMessage.outside!.tenantId).toBeUndefined();
    expect(byMessage["a before"]).toMatchObject({ requestId: "req-a" });
    expect(byMessage["a before"]!.tenantId).toBeUndefined();
    expect(byMessage["a after"]).toMatchObject({ requestId: "req-a", tenantId: "tenant-a" });
    expect(byMessage.b).toMatchObject({ requestId: "req-b" });
    expect(byMessage.b!.tenantId).toBeUndefined();
  });
});

describe("log context in a worker job", () => {
  it("does not bind a tenant to a job's lines (one job may go through several tenants)", async () => {
    const { log, parsed } = capture();
    await runWithLogContext({ job: "certification-follow" }, async () => {
      bindLogTenant("tenant-a");
      log.info("job line");
    });
    expect(parsed()[0]).toMatchObject({ job: "certification-follow", msg: "job line" });
    expect(parsed()[0]!.tenantId).toBeUndefined();
  });
});
