// Earlier certifications of a batch of digests, in a real PostgreSQL: only this tenant's, only completed or pending.
import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import type { TenantContext } from "@/lib/core/tenant-context";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { certifiedHashesInput, findCertifiedHashes } from "./find-certified-hashes";
import { saveCertificationIntent } from "./save-certification-intent";

const digest = () => crypto.randomBytes(32).toString("hex");

async function certification(
  ctx: TenantContext,
  title: string,
  status: "completed" | "pending" | "error" | "creating",
  files: Array<{ name: string; sha256: string }>,
) {
  const id = await saveCertificationIntent(ctx, {
    title,
    mode: "hash",
    status: "creating",
    generatePdfReport: false,
    metadata: {},
    files: files.map((f) => ({ fileName: f.name, sha256: f.sha256 })),
  });
  await ctx.db.certification.update({
    where: { id },
    data: { status, completedAt: status === "completed" ? new Date() : null },
  });
  return id;
}

describe("findCertifiedHashes", () => {
  it("finds this tenant's completed and pending certifications of each digest, never another tenant's", async () => {
    const a = await createTenantWithOwner();
    const b = await createTenantWithOwner();
    const [h1, h2, h3, h4, h5, unknown] = Array.from({ length: 6 }, digest) as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const first = await certification(a.actor, "Contract, first", "completed", [
      { name: "contract.pdf", sha256: h1 },
      { name: "annex.pdf", sha256: h2 },
    ]);
    const second = await certification(a.actor, "Contract, again", "pending", [
      { name: "copy.pdf", sha256: h1 },
    ]);
    await certification(a.actor, "Refused", "error", [{ name: "refused.pdf", sha256: h3 }]);
    await certification(a.actor, "Not sent yet", "creating", [{ name: "creating.pdf", sha256: h4 }]);
    const other = await certification(b.actor, "Other tenant", "completed", [
      { name: "theirs.pdf", sha256: h5 },
      { name: "same-bytes.pdf", sha256: h1 },
    ]);

    const found = await findCertifiedHashes(a.actor, [
      h1.toUpperCase(),
      h2,
      h3,
      h4,
      h5,
      unknown,
      "not-a-hash",
    ]);
    expect(found.map((f) => [f.sha256, f.certificationId, f.fileName, f.status])).toEqual([
      [h1, second, "copy.pdf", "pending"],
      [h1, first, "contract.pdf", "completed"],
      [h2, first, "annex.pdf", "completed"],
    ]);
    expect(found[1]).toMatchObject({ title: "Contract, first", completedAt: expect.any(Date) });
    expect(found.some((f) => f.certificationId === other)).toBe(false);

    // From the other side: tenant B sees only its own, even for a digest both certified.
    const theirs = await findCertifiedHashes(b.actor, [h1, h2, h5]);
    expect(theirs.map((f) => [f.sha256, f.certificationId]).sort()).toEqual(
      [
        [h1, other],
        [h5, other],
      ].sort(),
    );
    expect(await findCertifiedHashes(b.actor, [h2])).toEqual([]);
    expect(await findCertifiedHashes(a.actor, [])).toEqual([]);
  });

  it("answers a batch of 1,000 digests in one call", async () => {
    const { actor } = await createTenantWithOwner();
    const known = digest();
    await certification(actor, "One known file", "completed", [{ name: "known.bin", sha256: known }]);
    const batch = [...Array.from({ length: 999 }, digest), known];
    const input = certifiedHashesInput.parse({ hashes: batch });
    const found = await findCertifiedHashes(actor, input.hashes);
    expect(found.map((f) => f.sha256)).toEqual([known]);
  });

  it("refuses hostile input at the action's schema: wrong lengths, non-hex, too many", () => {
    const good = digest();
    for (const bad of [good.slice(1), `${good}0`, `${good.slice(1)}g`, "' or 1=1 --"])
      expect(certifiedHashesInput.safeParse({ hashes: [bad] }).success).toBe(false);
    expect(certifiedHashesInput.safeParse({ hashes: Array.from({ length: 1001 }, digest) }).success).toBe(
      false,
    );
    expect(certifiedHashesInput.parse({ hashes: [` ${good.toUpperCase()} `] }).hashes).toEqual([good]);
  });
});
