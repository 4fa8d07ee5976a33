import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { systemDb } from "@/lib/db/client";
import { emailFingerprint, phoneFingerprint } from "@/lib/trustedform/fingerprint";
import { addUserToTenant, createTenantWithOwner, uniqueEmail } from "@/scripts/test/factories";
import { lookupConsent } from "./lookup-consent";
import { SEARCH_QUERY_MAX, searchTenant } from "./search-tenant";

const hex = (bytes: number) => crypto.randomBytes(bytes).toString("hex");

async function seedClaim(tenantId: string, data: Record<string, unknown> = {}) {
  const certId = hex(20);
  return systemDb.claim.create({
    data: {
      tenantId,
      certId,
      certUrl: `https://cert.trustedform.com/${certId}`,
      status: "claimed",
      outcome: "success",
      ...data,
    },
  });
}

async function seedCertification(tenantId: string, title: string, sha256: string) {
  return systemDb.certification.create({
    data: {
      tenantId,
      title,
      mode: "hash",
      status: "completed",
      fileCount: 1,
      reportId: `rep-${hex(6)}`,
      files: { create: { tenantId, position: 0, fileName: "contract.pdf", sha256 } },
    },
  });
}

describe("searchTenant", () => {
  it("finds each kind in the tenant, never another tenant's rows for the same text", async () => {
    const { tenant, actor, owner } = await createTenantWithOwner();
    const other = await createTenantWithOwner();
    const sha = hex(32);
    const claim = await seedClaim(tenant.id, { reference: "DL-2026-0042", vendor: "Acme Leads" });
    await seedClaim(other.tenant.id, { reference: "DL-2026-0042-other", vendor: "Acme Leads Other" });
    const cert = await seedCertification(tenant.id, "Signed contract — Jane", sha);
    await seedCertification(other.tenant.id, "Signed contract — other tenant", sha);
    await addUserToTenant(other.tenant.id, "viewer", { email: uniqueEmail("searchable") });

    const byRef = await searchTenant(actor, { q: "DL-2026" });
    expect(byRef.claims.map((c) => c.id)).toEqual([claim.id]);
    expect(byRef.claims[0]!.matched).toBe("reference");

    const byCert = await searchTenant(actor, { q: claim.certId.toUpperCase() });
    expect(byCert.claims.map((c) => c.id)).toEqual([claim.id]);
    const byUrl = await searchTenant(actor, { q: claim.certUrl });
    expect(byUrl.claims.map((c) => c.id)).toEqual([claim.id]);

    const byVendor = await searchTenant(actor, { q: "Acme" });
    expect(byVendor.vendors).toEqual([{ vendor: "Acme Leads", claims: 1 }]);

    const byTitle = await searchTenant(actor, { q: "signed CONTRACT" });
    expect(byTitle.certifications.map((c) => c.id)).toEqual([cert.id]);

    const bySha = await searchTenant(actor, { q: sha.toUpperCase() });
    expect(bySha.certifications).toEqual([
      {
        id: cert.id,
        title: cert.title,
        status: "completed",
        matched: "file SHA-256",
        fileName: "contract.pdf",
      },
    ]);
    const byReport = await searchTenant(actor, { q: cert.reportId! });
    expect(byReport.certifications.map((c) => [c.id, c.matched])).toEqual([[cert.id, "report id"]]);

    const byEmail = await searchTenant(actor, { q: owner.email.slice(0, 12).toUpperCase() });
    expect(byEmail.members.map((m) => m.email)).toEqual([owner.email]);
    expect((await searchTenant(actor, { q: "searchable-" })).members).toEqual([]);
  });

  it("shows members only to admins, who manage them", async () => {
    const { tenant, owner } = await createTenantWithOwner();
    const { actor: viewer } = await addUserToTenant(tenant.id, "viewer");
    expect((await searchTenant(viewer, { q: owner.email })).members).toEqual([]);
  });

  it("treats wildcards, SQL and markup as text, cuts a 10 KB query and bounds every kind", async () => {
    const { tenant, actor } = await createTenantWithOwner();
    await seedClaim(tenant.id, { reference: "plain-ref", vendor: "Plain Vendor" });
    await seedClaim(tenant.id, { reference: "100%_sure", vendor: "50% Off_Leads" });
    await seedCertification(tenant.id, "Quarterly report", hex(32));

    for (const q of [
      "%",
      "_",
      "%%",
      "_%",
      "\\",
      "' OR 1=1 --",
      '"; DROP TABLE "Claim"; --',
      "<script>x</script>",
    ]) {
      const found = await searchTenant(actor, { q });
      expect(found.claims, q).toEqual([]);
      expect(found.vendors, q).toEqual([]);
      expect(found.certifications, q).toEqual([]);
      expect(found.members, q).toEqual([]);
    }
    expect((await searchTenant(actor, { q: "100%_" })).claims.map((c) => c.reference)).toEqual(["100%_sure"]);
    expect((await searchTenant(actor, { q: "50% Off_" })).vendors).toEqual([
      { vendor: "50% Off_Leads", claims: 1 },
    ]);

    const huge = "x".repeat(10 * 1024);
    const cut = await searchTenant(actor, { q: huge });
    expect(cut.query).toHaveLength(SEARCH_QUERY_MAX);
    expect(cut.claims).toEqual([]);

    await systemDb.claim.createMany({
      data: Array.from({ length: 30 }, (_, i) => ({
        tenantId: tenant.id,
        certId: hex(20),
        certUrl: "x",
        status: "claimed" as const,
        reference: `bulk-${String(i).padStart(2, "0")}`,
      })),
    });
    expect((await searchTenant(actor, { q: "bulk-" })).claims).toHaveLength(5);
    expect((await searchTenant(actor, { q: "bulk-", limit: 10_000 })).claims).toHaveLength(30);
    expect((await searchTenant(actor, { q: "   " })).claims).toEqual([]);
  });
});

describe("lookupConsent", () => {
  it("finds every claim of a person by either fingerprint, and none of another tenant's", async () => {
    const { tenant, actor } = await createTenantWithOwner();
    const other = await createTenantWithOwner();
    const email = emailFingerprint("Jane.Doe@example.com");
    const phone = phoneFingerprint("+1 (512) 789-1111");
    const byEmail = await seedClaim(tenant.id, { reference: "by-email", emailFingerprint: email });
    const byPhone = await seedClaim(tenant.id, {
      reference: "by-phone",
      phoneFingerprint: phone,
      apiVersion: "v4_0",
    });
    const both = await seedClaim(tenant.id, {
      reference: "both",
      emailFingerprint: email,
      phoneFingerprint: phone,
    });
    await seedClaim(tenant.id, {
      reference: "someone-else",
      emailFingerprint: emailFingerprint("x@example.com"),
    });
    const foreign = await seedClaim(other.tenant.id, { emailFingerprint: email, phoneFingerprint: phone });

    const found = await lookupConsent(actor, { emailFingerprint: email, phoneFingerprint: phone });
    expect(new Set(found.claims.map((c) => c.id))).toEqual(new Set([byEmail.id, byPhone.id, both.id]));
    expect(found.claims.find((c) => c.id === both.id)!.matchedBy).toEqual(["email", "phone"]);
    expect(found.claims.map((c) => c.id)).not.toContain(foreign.id);
    expect(found.more).toBe(false);

    const phoneOnly = await lookupConsent(actor, { phoneFingerprint: phone });
    expect(new Set(phoneOnly.claims.map((c) => c.id))).toEqual(new Set([byPhone.id, both.id]));

    const audited = await systemDb.auditEntry.findMany({
      where: { tenantId: tenant.id, action: "consent.looked_up" },
      select: { details: true },
    });
    expect(audited).toHaveLength(2);
    expect(JSON.stringify(audited)).not.toContain(email);
    expect(JSON.stringify(audited)).not.toContain(phone);
    expect(
      await systemDb.auditEntry.count({ where: { tenantId: other.tenant.id, action: "consent.looked_up" } }),
    ).toBe(0);
  });
});
