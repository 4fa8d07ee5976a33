// A bulk file with one bad cell is a file with one bad row: the row is refused with its number and reason, the
// rest is queued. Rows go through the same schema the server action parses them with.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { TrustedFormSandbox } from "@/sandbox/trustedform/trustedform-sandbox";
import { updateConnection } from "@/lib/connections/update-connection";
import { systemDb } from "@/lib/db/client";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { batchRow } from "./batch-row";
import { createClaimBatch } from "./create-claim-batch";
import { allowSandboxOrigins } from "@/scripts/test/allow-sandbox-origins";

let sandbox: TrustedFormSandbox;

beforeAll(async () => {
  sandbox = new TrustedFormSandbox({ port: 0 });
  await sandbox.start();
  allowSandboxOrigins(sandbox.baseUrl);
});

afterAll(async () => {
  await sandbox.stop();
});

const asTheActionParses = (rows: unknown) => z.array(batchRow).parse(rows);

describe("a bulk file with one bad cell", () => {
  it("refuses only the rows with an over-long cell or replaced characters, and queues the others", async () => {
    const account = sandbox.createAccount({ balance: 100 });
    const { actor } = await createTenantWithOwner();
    await systemDb.tenant.update({ where: { id: actor.tenantId }, data: { trustedformApiVersion: "v3_0" } });
    await updateConnection(actor, "trustedform", { environment: "sandbox", sandboxBaseUrl: sandbox.baseUrl });
    await saveTenantSecret(actor, "trustedform.api_key", account.api_key);
    const cert = () => sandbox.createCertificate({ page_text: "I consent to be contacted." }).cert_url;

    const longUrl = `${cert()}?${"x".repeat(5000)}`;
    const rows = asTheActionParses([
      { certUrl: cert(), reference: "R-1", vendor: "Acme" },
      { certUrl: cert(), reference: "R".repeat(5000), vendor: "Acme" },
      { certUrl: cert(), reference: "R-3", vendor: "Caf\uFFFD Leads" },
      { certUrl: longUrl, reference: "R-4" },
      { certUrl: cert(), reference: "R-5", vendor: "Acme" },
    ]);
    const created = await createClaimBatch(actor, { fileName: "leads.csv", rows });

    expect(created.accepted).toBe(2);
    expect(created.refused.map(({ row, reason }) => ({ row, reason }))).toEqual([
      { row: 2, reason: "The reference is 5,000 characters long; at most 200." },
      {
        row: 3,
        reason: expect.stringMatching(/^The vendor contains .* not read as UTF-8: save the file as UTF-8/),
      },
      {
        row: 4,
        reason: `The certificate URL is ${longUrl.length.toLocaleString("en")} characters long; at most 2,000.`,
      },
    ]);
    // The stored refusal does not keep the whole over-long URL.
    expect(created.refused[2]!.certUrl.length).toBeLessThanOrEqual(301);

    const batch = await systemDb.claimBatch.findUniqueOrThrow({ where: { id: created.batchId } });
    expect(batch).toMatchObject({ totalRows: 5, acceptedRows: 2 });
    const claims = await systemDb.claim.findMany({
      where: { batchId: created.batchId },
      orderBy: { rowNumber: "asc" },
    });
    expect(claims.map((c) => [c.rowNumber, c.reference, c.status])).toEqual([
      [1, "R-1", "queued"],
      [5, "R-5", "queued"],
    ]);
  });
});
