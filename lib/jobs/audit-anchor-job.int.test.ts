// The worker's anchoring job through pg-boss as the app role: a chain's new head lands in evidence storage within
// a few ticks, with nobody asking.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { anchorKey } from "@/lib/audit/audit-anchors";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { runAuditAnchorJob } from "./audit-anchor-job";
import { startJobQueues } from "./job-queues";

// Read once, by the first evidenceStore() call: set before any test runs.
const evidenceDir = fs.mkdtempSync(path.join(os.tmpdir(), "certdesk-anchor-job-"));
process.env.EVIDENCE_DIR = evidenceDir;
afterAll(() => fs.rmSync(evidenceDir, { recursive: true, force: true }));

async function until(ok: () => boolean, ms = 15_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (!ok() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  return ok();
}

describe("the audit anchoring job", () => {
  it("anchors a chain's new head in evidence storage on its own", async () => {
    const boss = await startJobQueues(process.env.DATABASE_URL!);
    const lines: string[] = [];
    const job = await runAuditAnchorJob(boss, { intervalSeconds: 1, log: (line) => lines.push(line) });
    try {
      const { tenant } = await createTenantWithOwner();
      expect(await until(() => fs.existsSync(path.join(evidenceDir, anchorKey(tenant.id, 1))))).toBe(true);
      const { seq } = await appendAuditEntry({ tenantId: tenant.id, action: "test.event" });
      expect(await until(() => fs.existsSync(path.join(evidenceDir, anchorKey(tenant.id, seq))))).toBe(true);
      expect(lines.filter((line) => /failed|ALERT/.test(line))).toEqual([]);
    } finally {
      job.stop();
      await boss.stop({ graceful: false, wait: true });
    }
  });
});
