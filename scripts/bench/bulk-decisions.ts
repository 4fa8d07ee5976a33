// Benchmark: 10,000 reviewer decisions as one action (lib/claims/decide-claims.ts: "accept all matching this
// filter"), each claim's decision with its own audit entry, in batches inside transactions. The reference, in the
// same run: the same number of single decisions (decide-claim.ts, one transaction each) on a sample, as claims/s.
// Then verifyAuditChain walks the tenant's chain: it must be intact. Not a timed test.
//   npm run bench:bulk-decisions          (BENCH_DECISIONS=10000 by default; embedded PostgreSQL)
import crypto from "node:crypto";
import { performance } from "node:perf_hooks";
import { decideClaim } from "@/lib/claims/decide-claim";
import { decideClaims } from "@/lib/claims/decide-claims";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";
import { disconnectPrisma, systemDb } from "@/lib/db/client";
import { generateMasterKeyEntry } from "@/lib/secrets/master-keys";
import { createTenantWithOwner } from "../test/factories";
import { createTestDatabase } from "../test/test-database";

const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 10_000);
const SINGLE_SAMPLE = Math.min(500, DECISIONS);

process.env.CERTDESK_MASTER_KEYS ??= generateMasterKeyEntry();
const database = await createTestDatabase("bench-decisions");
process.env.DATABASE_URL = database.url;

async function seed(tenantId: string, count: number, vendor: string) {
  const now = Date.now();
  for (let start = 0; start < count; start += 5000) {
    await systemDb.claim.createMany({
      data: Array.from({ length: Math.min(5000, count - start) }, (_, i) => ({
        tenantId,
        certId: crypto.randomBytes(20).toString("hex"),
        certUrl: "https://cert.trustedform.com/x",
        status: "claimed" as const,
        outcome: "success" as const,
        vendor,
        // One in ten fails its policy: accepting those needs the reason the action gives.
        verdict: (start + i) % 10 === 0 ? ("fail" as const) : ("pass" as const),
        createdAt: new Date(now - (start + i) * 1000),
      })),
    });
  }
}

try {
  const { tenant, actor } = await createTenantWithOwner("Bench decisions");
  await seed(tenant.id, DECISIONS, "Bulk Vendor");
  await seed(tenant.id, SINGLE_SAMPLE, "Single Vendor");
  // Another tenant's claims under the same vendor name: never decided.
  const other = await createTenantWithOwner("Bench other");
  await seed(other.tenant.id, 1000, "Bulk Vendor");

  const singles = await systemDb.claim.findMany({
    where: { tenantId: tenant.id, vendor: "Single Vendor" },
    select: { id: true },
  });
  let started = performance.now();
  for (const { id } of singles)
    await decideClaim(actor, { claimId: id, decision: "accepted", reason: "Checked by hand" });
  const singleSeconds = (performance.now() - started) / 1000;
  const singleRate = singles.length / singleSeconds;

  started = performance.now();
  const { decided } = await decideClaims(actor, {
    filter: { vendor: "Bulk Vendor", review: "unreviewed" },
    decision: "accepted",
    reason: "Vendor audited in bulk",
  });
  const bulkSeconds = (performance.now() - started) / 1000;
  const bulkRate = decided / bulkSeconds;

  started = performance.now();
  const verdict = await verifyAuditChain(tenant.id);
  const verifySeconds = (performance.now() - started) / 1000;
  const otherDecided = await systemDb.claim.count({
    where: { tenantId: other.tenant.id, decision: { not: null } },
  });
  const entries = await systemDb.auditEntry.count({ where: { tenantId: tenant.id } });

  console.log(
    `single decisions (reference): ${singles.length} in ${singleSeconds.toFixed(2)} s, ${singleRate.toFixed(0)} decisions/s`,
  );
  console.log(
    `bulk decision (one action):   ${decided} in ${bulkSeconds.toFixed(2)} s, ${bulkRate.toFixed(0)} decisions/s (${(bulkRate / singleRate).toFixed(1)}x the single rate)`,
  );
  console.log(
    `audit chain: ${entries} entries, verifyAuditChain intact=${verdict.intact} (${verifySeconds.toFixed(2)} s)`,
  );
  console.log(`other tenant's claims decided: ${otherDecided}`);
  if (decided !== DECISIONS || !verdict.intact || otherDecided) process.exitCode = 1;
} finally {
  await disconnectPrisma();
  await database.close();
}
