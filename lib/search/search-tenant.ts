// One search across a tenant's desk: claims by reference or TrustedForm certificate id, vendors, certifications by
// title, TrueScreen report id or a file's SHA-256, and (for admins, who manage them) members by email.
// Every kind is bounded (`limit` rows each) and every lookup but the title's is an equality or a prefix match an
// index answers (migration search_indexes: text_pattern_ops on reference, certId and vendor; CertificationFile's
// (tenantId, sha256); Certification's (tenantId, reportId)). Titles are matched anywhere, case-insensitively, over
// the tenant's certifications only, newest first. Prefix matches are case-sensitive, which is what lets the index
// answer them; certificate ids and hashes are hex and compared lower-cased.
import { hasRole } from "@/lib/auth/roles";
import type { TenantContext } from "@/lib/core/tenant-context";

/** Longer queries are cut: nothing a person searches for is longer (a certificate URL is about 80 characters). */
export const SEARCH_QUERY_MAX = 200;
export const SEARCH_LIMIT_MAX = 50;

export interface SearchResults {
  query: string;
  claims: Array<{
    id: string;
    reference: string | null;
    vendor: string | null;
    certId: string;
    outcome: string | null;
    matched: "reference" | "certificate id";
  }>;
  vendors: Array<{ vendor: string; claims: number }>;
  certifications: Array<{
    id: string;
    title: string;
    status: string;
    matched: "title" | "report id" | "file SHA-256";
    fileName: string | null;
  }>;
  members: Array<{ id: string; email: string; name: string | null; role: string }>;
}

const HEX = /^[0-9a-f]+$/i;

/** Prisma passes startsWith / contains to LIKE as they are: its wildcards and escape are made literal here. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);
const SHA256 = /^[0-9a-f]{64}$/i;

/** The query as searched: trimmed, cut to SEARCH_QUERY_MAX; a TrustedForm certificate URL becomes its id. */
export function searchQuery(raw: string): string {
  const text = raw.trim().slice(0, SEARCH_QUERY_MAX).trim();
  const certUrl = /^https?:\/\/cert\.trustedform\.com\/([0-9a-f]{40})\b/i.exec(text);
  return certUrl ? certUrl[1]! : text;
}

export async function searchTenant(
  context: TenantContext,
  input: { q: string; limit?: number },
): Promise<SearchResults> {
  const q = searchQuery(input.q);
  const limit = Math.max(1, Math.min(input.limit ?? 5, SEARCH_LIMIT_MAX));
  const empty: SearchResults = { query: q, claims: [], vendors: [], certifications: [], members: [] };
  if (!q) return empty;
  const like = likeLiteral(q);
  const hex = HEX.test(q) ? q.toLowerCase() : null;
  const sha256 = SHA256.test(q) ? q.toLowerCase() : null;
  const canSeeMembers = context.actor.kind === "member" && hasRole(context.actor.role, "admin");
  const claimSelect = { id: true, reference: true, vendor: true, certId: true, outcome: true } as const;

  const [byReference, byCertId, vendors, byTitle, byReport, byFile, members] = await Promise.all([
    context.db.claim.findMany({
      where: { reference: { startsWith: like } },
      select: claimSelect,
      orderBy: [{ reference: "asc" }, { id: "asc" }],
      take: limit,
    }),
    hex
      ? context.db.claim.findMany({
          where: { certId: { startsWith: hex } },
          select: claimSelect,
          orderBy: [{ certId: "asc" }, { id: "asc" }],
          take: limit,
        })
      : [],
    context.db.claim.groupBy({
      by: ["vendor"],
      where: { vendor: { startsWith: like } },
      _count: { _all: true },
      orderBy: { vendor: "asc" },
      take: limit,
    }),
    context.db.certification.findMany({
      where: { title: { contains: like, mode: "insensitive" } },
      select: { id: true, title: true, status: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
    }),
    context.db.certification.findMany({
      where: { reportId: q },
      select: { id: true, title: true, status: true },
      take: 1,
    }),
    sha256
      ? context.db.certificationFile.findMany({
          where: { sha256 },
          select: {
            fileName: true,
            certification: { select: { id: true, title: true, status: true, createdAt: true } },
          },
          orderBy: { certification: { createdAt: "desc" } },
          take: limit,
        })
      : [],
    canSeeMembers
      ? context.db.membership.findMany({
          where: { user: { email: { contains: like, mode: "insensitive" } } },
          select: { id: true, role: true, user: { select: { email: true, name: true } } },
          orderBy: { user: { email: "asc" } },
          take: limit,
        })
      : [],
  ]);

  const claims = new Map<string, SearchResults["claims"][number]>();
  for (const row of byReference) claims.set(row.id, { ...row, matched: "reference" });
  for (const row of byCertId)
    if (!claims.has(row.id)) claims.set(row.id, { ...row, matched: "certificate id" });

  const certifications = new Map<string, SearchResults["certifications"][number]>();
  for (const row of byFile) {
    const c = row.certification;
    if (!certifications.has(c.id))
      certifications.set(c.id, {
        id: c.id,
        title: c.title,
        status: c.status,
        matched: "file SHA-256",
        fileName: row.fileName,
      });
  }
  for (const row of byReport)
    if (!certifications.has(row.id))
      certifications.set(row.id, { ...row, matched: "report id", fileName: null });
  for (const row of byTitle)
    if (!certifications.has(row.id)) certifications.set(row.id, { ...row, matched: "title", fileName: null });

  return {
    query: q,
    claims: [...claims.values()].slice(0, limit),
    vendors: vendors
      .filter((row): row is typeof row & { vendor: string } => row.vendor !== null)
      .map((row) => ({ vendor: row.vendor, claims: row._count._all })),
    certifications: [...certifications.values()].slice(0, limit),
    members: members.map((row) => ({
      id: row.id,
      email: row.user.email,
      name: row.user.name,
      role: row.role,
    })),
  };
}
