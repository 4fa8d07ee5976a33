// Artifact URLs are whatever TrueScreen's answer says: a tampered answer must not reach the local network, and the
// real artifact host never sees a key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OutboundRefusedError } from "@/lib/outbound/outbound-errors";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";
import { startCaptureServer, type CaptureServer } from "@/scripts/test/capture-server";
import { fetchArtifact } from "./fetch-artifact";

let sandbox: CaptureServer;
let internal: CaptureServer;

beforeAll(async () => {
  sandbox = await startCaptureServer({
    status: 200,
    headers: { "content-type": "application/pdf" },
    body: "%PDF-1.7",
  });
  internal = await startCaptureServer();
  allowSandboxOrigins(sandbox.origin);
});

afterAll(async () => {
  await sandbox.close();
  await internal.close();
});

describe("fetchArtifact", () => {
  it("fetches an artifact of an allowed sandbox with no Authorization header or key", async () => {
    const response = await fetchArtifact(new URL(`${sandbox.origin}/artifacts/report.pdf?sig=abc`));
    expect(await response.text()).toBe("%PDF-1.7");
    expect(sandbox.requests).toHaveLength(1);
    expect(sandbox.requests[0]!.headers.authorization).toBeUndefined();
    expect(JSON.stringify(sandbox.requests[0]!.headers)).not.toMatch(/bearer|basic/i);
  });

  it("refuses an artifact URL on loopback, link-local or a private network that is not an allowed sandbox", async () => {
    for (const url of [
      `https://127.0.0.1:${internal.port}/artifact`,
      `https://localhost:${internal.port}/artifact`,
      `https://[::ffff:7f00:1]:${internal.port}/artifact`,
      "https://169.254.169.254/latest/meta-data/iam/security-credentials/",
      "https://192.168.0.1/artifact",
    ]) {
      await expect(fetchArtifact(new URL(url)), url).rejects.toBeInstanceOf(OutboundRefusedError);
    }
    expect(internal.connections()).toBe(0);
  });
});
