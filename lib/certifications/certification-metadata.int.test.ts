// Metadata keys named like Object.prototype members (`constructor`, `__proto__`) travel as ordinary keys: stored in
// PostgreSQL and sent to TrueScreen (the sandbox, over real HTTP) as own properties, never dropped or merged.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TrueScreenSandbox } from "@/sandbox/truescreen/truescreen-sandbox";
import { updateConnection } from "@/lib/connections/update-connection";
import { systemDb } from "@/lib/db/client";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { hashCertificationInput } from "./certification-input";
import { certifyHashes } from "./certify-hashes";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";

let sandbox: TrueScreenSandbox;

beforeAll(async () => {
  // Processing is slower than the test: no webhook is ever sent.
  sandbox = new TrueScreenSandbox({ port: 0, dataDir: null, processingMs: 120_000 });
  await sandbox.start();
  allowSandboxOrigins(sandbox.baseUrl);
});

afterAll(async () => {
  await sandbox.stop();
});

describe("certification metadata with prototype-named keys", () => {
  it("keeps constructor and __proto__ as own keys in the database and in what TrueScreen receives", async () => {
    const key = sandbox.createKey({ credits: 10 });
    const { actor } = await createTenantWithOwner();
    await updateConnection(actor, "truescreen", { environment: "sandbox", sandboxBaseUrl: sandbox.baseUrl });
    await saveTenantSecret(actor, "truescreen.api_key", key.api_key);
    await saveTenantSecret(actor, "truescreen.webhook_secret", key.webhook_secret);

    // The exact rows the browser form sends.
    const input = hashCertificationInput.parse({
      title: "Site inspection",
      files: [{ name: "photo.jpg", sha256: "c".repeat(64) }],
      metadata: [
        { key: "constructor", value: "Acme Builders" },
        { key: "__proto__", value: "not a prototype" },
        { key: "case_number", value: "2026/17" },
      ],
    });
    const result = await certifyHashes(actor, input);
    expect(result.status).toBe("pending");

    // Entries, not an object literal: `{ __proto__: ... }` in source code would set the prototype.
    const expected = [
      ["constructor", "Acme Builders"],
      ["__proto__", "not a prototype"],
      ["case_number", "2026/17"],
    ];
    const [row] = await systemDb.$queryRaw<Array<{ metadata: string }>>`
      select metadata::text as metadata from "Certification" where id = ${result.id}::uuid`;
    const stored = JSON.parse(row!.metadata) as Record<string, string>;
    expect(Object.keys(stored).sort()).toEqual(["__proto__", "case_number", "constructor"]);
    expect(Object.hasOwn(stored, "__proto__") && stored["__proto__"]).toBe("not a prototype");
    expect(Object.hasOwn(stored, "constructor") && stored["constructor"]).toBe("Acme Builders");

    const read = (await systemDb.certification.findUniqueOrThrow({ where: { id: result.id } }))
      .metadata as Record<string, string>;
    expect(Object.hasOwn(read, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(read)).toBe(Object.prototype);

    const sent = JSON.parse(
      await (await fetch(`${sandbox.baseUrl}/sandbox/certifications`)).text(),
    ) as Array<{
      apiKey: string;
      metadata: Record<string, string>;
    }>;
    const atTrueScreen = sent.find((c) => c.apiKey === key.api_key)!.metadata;
    expect(Object.keys(atTrueScreen).sort()).toEqual(["__proto__", "case_number", "constructor"]);
    expect(Object.entries(atTrueScreen)).toEqual(expected);
    expect(Object.entries(stored).sort()).toEqual([...expected].sort());
  });
});
