// The outbound guard from the attacker's side: hostile targets never get a connection, allowed sandboxes work as
// fetch did, redirects are not followed, and the address connected to is the one checked (no second DNS lookup).
import dns from "node:dns";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";
import { startCaptureServer, type CaptureServer } from "@/scripts/test/capture-server";
import { freePort } from "@/scripts/test/test-database";
import { OutboundNetworkError, OutboundRedirectError, OutboundRefusedError } from "./outbound-errors";
import { outboundFetch } from "./outbound-fetch";

let allowed: CaptureServer;
let hostile: CaptureServer;

beforeAll(async () => {
  allowed = await startCaptureServer();
  hostile = await startCaptureServer({ status: 200, body: "internal secrets" });
  allowSandboxOrigins(allowed.origin);
});

afterAll(async () => {
  await allowed.close();
  await hostile.close();
});

describe("outboundFetch", () => {
  it("refuses every spelling of a loopback target that is not on the sandbox list, before connecting", async () => {
    const port = hostile.port;
    const targets = [
      `http://127.0.0.1:${port}/`,
      `https://127.0.0.1:${port}/`,
      `http://localhost:${port}/`,
      `https://localhost:${port}/`,
      `https://[::1]:${port}/`,
      `https://[::ffff:127.0.0.1]:${port}/`,
      `https://2130706433:${port}/`,
      `https://0x7f.0.0.1:${port}/`,
      `https://127.1:${port}/`,
      `https://0.0.0.0:${port}/`,
      `https://user:pw@127.0.0.1:${port}/`,
      `${allowed.origin.replace("http://", "http://user@")}/`,
      `https://169.254.169.254/latest/meta-data/`,
      `http://169.254.169.254/latest/meta-data/`,
      `https://[fe80::1]/`,
      `https://10.0.0.1/`,
      `ftp://127.0.0.1:${port}/`,
    ];
    for (const target of targets) {
      await expect(
        outboundFetch(target, { headers: { authorization: "Bearer stolen" } }),
        target,
      ).rejects.toBeInstanceOf(OutboundRefusedError);
    }
    expect(hostile.connections()).toBe(0);
    expect(allowed.connections()).toBe(0);
  });

  it("names the kind of address in words, never the address", async () => {
    const error = (await outboundFetch(`https://localhost:${hostile.port}/`).catch(
      (e: unknown) => e,
    )) as Error;
    expect(error.message).toMatch(/resolves to a loopback address/);
    expect(error.message).not.toMatch(/127\.0\.0\.1|::1|\d{4,5}/);
  });

  it("sends to an allowed sandbox as fetch did: method, headers, body, status and JSON answer", async () => {
    allowed.answer({ status: 201, headers: { "content-type": "application/json" }, body: '{"ok":true}' });
    const response = await outboundFetch(`${allowed.origin}/v1/things?x=1`, {
      method: "POST",
      headers: { authorization: "Bearer sandbox-key", "content-type": "application/json" },
      body: JSON.stringify({ é: "ü" }),
      signal: AbortSignal.timeout(5000),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ ok: true });
    const seen = allowed.requests.at(-1)!;
    expect(seen).toMatchObject({ method: "POST", url: "/v1/things?x=1", body: '{"é":"ü"}' });
    expect(seen.headers.authorization).toBe("Bearer sandbox-key");
    expect(seen.headers.host).toBe(allowed.origin.slice("http://".length));
  });

  it("does not follow a redirect: a 3xx is an error and its Location gets nothing", async () => {
    for (const status of [301, 302, 303, 307, 308]) {
      allowed.answer({ status, headers: { location: `${hostile.origin}/steal` } });
      const error = await outboundFetch(`${allowed.origin}/v1/credits`, {
        headers: { authorization: "Bearer sandbox-key" },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OutboundRedirectError);
      expect((error as OutboundRedirectError).status).toBe(status);
      expect((error as Error).message).not.toContain(hostile.origin);
    }
    expect(hostile.connections()).toBe(0);
  });

  it("connects to the address it checked: one lookup for many requests, none by the connection itself", async () => {
    const server = await startCaptureServer({ status: 200, body: "{}" });
    try {
      const origin = `http://localhost:${server.port}`;
      allowSandboxOrigins(origin);
      const connectLookups = vi.spyOn(dns, "lookup");
      const checkLookups = vi.spyOn(dns.promises, "lookup");
      for (let i = 0; i < 5; i++) await (await outboundFetch(`${origin}/v1/credits`)).text();
      expect(server.requests).toHaveLength(5);
      expect(connectLookups).not.toHaveBeenCalled();
      expect(checkLookups.mock.calls.length).toBeLessThanOrEqual(1);
      connectLookups.mockRestore();
      checkLookups.mockRestore();
    } finally {
      await server.close();
    }
  });

  it("keeps the shapes callers tell apart: a refused connection, and a timeout", async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    allowSandboxOrigins(closed);
    const refused = await outboundFetch(`${closed}/`).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OutboundNetworkError);
    expect((refused as { cause?: { code?: string } }).cause?.code).toBe("ECONNREFUSED");

    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const silentOrigin = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
    allowSandboxOrigins(silentOrigin);
    const timedOut = await outboundFetch(`${silentOrigin}/`, { signal: AbortSignal.timeout(200) }).catch(
      (e: unknown) => e,
    );
    expect((timedOut as Error).name).toBe("TimeoutError");
    silent.close();
  });
});
