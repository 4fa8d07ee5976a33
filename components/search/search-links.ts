// Where each kind of search result leads, and how it reads: shared by the header's list and the /search page.
import type { SearchResults } from "@/lib/search/search-tenant";

export interface SearchLink {
  key: string;
  href: string;
  label: string;
  detail: string;
}

export interface SearchGroup {
  kind: "claims" | "vendors" | "certifications" | "members";
  title: string;
  links: SearchLink[];
}

export function searchGroups(results: SearchResults): SearchGroup[] {
  const groups: SearchGroup[] = [
    {
      kind: "claims",
      title: "Claims",
      links: results.claims.map((claim) => ({
        key: `claim-${claim.id}`,
        href: `/claims/${claim.id}`,
        label: claim.reference ?? claim.certId,
        detail: [
          claim.matched === "certificate id" ? `certificate ${claim.certId}` : null,
          claim.vendor,
          claim.outcome,
        ]
          .filter(Boolean)
          .join(" · "),
      })),
    },
    {
      kind: "vendors",
      title: "Vendors",
      links: results.vendors.map((row) => ({
        key: `vendor-${row.vendor}`,
        href: `/claims?vendor=${encodeURIComponent(row.vendor)}`,
        label: row.vendor,
        detail: `${row.claims} ${row.claims === 1 ? "claim" : "claims"}`,
      })),
    },
    {
      kind: "certifications",
      title: "Certifications",
      links: results.certifications.map((row) => ({
        key: `certification-${row.id}`,
        href: `/certifications/${row.id}`,
        label: row.title,
        detail: [
          row.matched === "file SHA-256" ? `file ${row.fileName}` : `by ${row.matched}`,
          row.status,
        ].join(" · "),
      })),
    },
    {
      kind: "members",
      title: "Members",
      links: results.members.map((row) => ({
        key: `member-${row.id}`,
        href: `/settings/members/${row.id}`,
        label: row.email,
        detail: [row.name, row.role].filter(Boolean).join(" · "),
      })),
    },
  ];
  return groups.filter((group) => group.links.length > 0);
}
