// `npm run sandbox` prints both base URLs, the demo API keys and the webhook secret, and they work.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { freePort } from "@/scripts/test/test-database";

it("npm run sandbox starts both simulators and prints their URLs and demo credentials", async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "certdesk-sandbox-run-"));
  const [truescreenPort, trustedformPort] = [await freePort(), await freePort()];
  const child = spawn("npm", ["run", "sandbox"], {
    env: {
      ...process.env,
      CERTDESK_DATA_DIR: dataDir,
      TRUESCREEN_SANDBOX_PORT: String(truescreenPort),
      TRUSTEDFORM_SANDBOX_PORT: String(trustedformPort),
    },
    detached: true,
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  try {
    for (let i = 0; i < 200 && !output.includes("Press Ctrl-C"); i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    expect(output).toContain(`TrueScreen sandbox:  http://127.0.0.1:${truescreenPort}`);
    expect(output).toContain(`TrustedForm sandbox: http://127.0.0.1:${trustedformPort}`);
    const truescreenKey = /demo API key: +(ts_sandbox_\S+)/.exec(output)?.[1];
    const trustedformKey = /demo API key: +(tf_sandbox_\S+)/.exec(output)?.[1];
    const secret = /webhook signing secret: (whsec_\S+)/.exec(output)?.[1];
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/=]+$/);
    const credits = await fetch(`http://127.0.0.1:${truescreenPort}/v1/credits`, {
      headers: { authorization: `Bearer ${truescreenKey}` },
    });
    expect(await credits.json()).toEqual({ credits: 500 });
    const claim = await fetch(`http://127.0.0.1:${trustedformPort}/${"b".repeat(40)}`, {
      method: "POST",
      headers: {
        authorization: `Basic ${Buffer.from(`API:${trustedformKey}`).toString("base64")}`,
        accept: "application/json",
      },
    });
    expect(claim.status).toBe(404);
  } finally {
    process.kill(-child.pid!, "SIGINT");
    await new Promise((resolve) => child.on("exit", resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
