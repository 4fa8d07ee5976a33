import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Prisma } from "@/generated/prisma/client";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { systemDb } from "@/lib/db/client";
import { createTenantWithOwner } from "@/scripts/test/factories";
import { claimFilters, type ClaimFilters } from "./claim-filters";
import { exportClaimsCsv } from "./export-claims-csv";
import { decodeCursor, listClaims } from "./list-claims";

describe("listClaims", () => {
  it("pages by keyset through every claim once, ties on time included, and only the tenant's own", async () => {
    const { actor } = await createTenantWithOwner();
    const other = await createTenantWithOwner();
    const base = Date.now();
    const data = Array.from({ length: 23 }, (_, i) => ({
      tenantId: actor.tenantId,
      certId: crypto.randomBytes(20).toString("hex"),
      certUrl: "x",
      status: "claimed" as const,
      outcome: i % 3 ? ("success" as const) : ("failure" as const),
      createdAt: new Date(base - Math.floor(i / 4) * 1000), // groups of four claims share a timestamp
    }));
    await systemDb.claim.createMany({ data });
    await systemDb.claim.createMany({
      data: data.slice(0, 5).map((row) => ({ ...row, tenantId: other.tenant.id })),
    });

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listClaims>> = await listClaims(
        actor,
        {},
        decodeCursor(cursor ?? undefined),
        5,
      );
      seen.push(...page.rows.map((row) => row.certId));
      cursor = page.next;
    } while (cursor);
    expect(seen).toHaveLength(23);
    expect(new Set(seen).size).toBe(23);
    expect(new Set(seen)).toEqual(new Set(data.map((row) => row.certId)));

    const failures = await listClaims(actor, { outcome: "failure" }, null, 50);
    expect(failures.rows).toHaveLength(8);
    expect(decodeCursor("not-a-cursor")).toBeNull();
  });
});

// One tenant's claims of both API versions, each named by its reference; another tenant holds the same rows.
const BOT_RULES = [
  { rule: { kind: "no_bot_detected" }, passed: false, known: true, words: "Bot detected: yes — failed" },
  { rule: { kind: "one_to_one_consent" }, passed: true, known: true, words: "1:1 consent: yes — passed" },
  {
    rule: { kind: "min_seconds_on_page", seconds: 30 },
    passed: false,
    known: true,
    words: "Time on page: 12.5 s (at least 30 s required) — failed",
  },
];
const SEEDS: Array<Omit<Prisma.ClaimCreateManyInput, "tenantId" | "certId" | "certUrl" | "status">> = [
  { reference: "v3-mismatch", fingerprintMatch: false, outcome: "success" },
  { reference: "v3-match", fingerprintMatch: true, outcome: "success" },
  {
    reference: "v4-bot",
    apiVersion: "v4_0",
    outcome: "success",
    fingerprintMatch: true,
    emailMatch: true,
    phoneMatch: false,
    retainedUntil: new Date("2031-12-06T10:00:00Z"),
    previouslyRetained: false,
    botDetected: true,
    oneToOne: true,
    languageApproved: true,
    secondsOnPage: 12.5,
    verdict: "fail",
    verdictRules: BOT_RULES,
  },
  { reference: "v4-not-1to1", apiVersion: "v4_0", oneToOne: false, languageApproved: true, verdict: "fail" },
  {
    reference: "v4-unapproved-unmatched",
    apiVersion: "v4_0",
    oneToOne: null, // not checkable
    languageApproved: false,
    fingerprintMatch: false,
    emailMatch: false,
    phoneMatch: null,
    verdict: "fail",
  },
  {
    reference: "v4-clean",
    apiVersion: "v4_0",
    botDetected: false,
    oneToOne: true,
    languageApproved: true,
    verdict: "pass",
    verdictRules: [
      { rule: { kind: "no_bot_detected" }, passed: true, known: true, words: "Bot detected: no" },
    ],
  },
  // A 4.0 claim asked for nothing the filters read, and one whose stored rules are not what Certdesk writes.
  { reference: "v4-bare", apiVersion: "v4_0", verdictRules: { not: "a list" } },
  {
    reference: '=HYPERLINK("http://evil.example")',
    vendor: "@SUM(A1:A9)",
    apiVersion: "v4_0",
    verdict: "fail",
    verdictRules: [
      { passed: false, words: "=cmd|' /C calc'!A0" },
      { passed: false, words: 42 },
      { passed: false },
      null,
      "text",
    ],
  },
];

async function seedBothVersions() {
  const { actor } = await createTenantWithOwner();
  const other = await createTenantWithOwner();
  const base = Date.now();
  for (const [tenantId, prefix] of [
    [actor.tenantId, ""],
    [other.tenant.id, "other:"],
  ] as const)
    await systemDb.claim.createMany({
      data: SEEDS.map((seed, i) => ({
        ...seed,
        reference: `${prefix}${seed.reference}`,
        tenantId,
        certId: crypto.randomBytes(20).toString("hex"),
        certUrl: "https://cert.trustedform.com/x",
        status: "claimed" as const,
        createdAt: new Date(base - i * 1000),
      })),
    });
  return { actor, otherTenantId: other.tenant.id };
}

async function referencesFor(actor: Parameters<typeof listClaims>[0], filters: ClaimFilters) {
  const page = await listClaims(actor, filters, null, 50);
  return page.rows.map((row) => row.reference).sort();
}

/** The cells of a CSV written by csvCell: every cell quoted, "" inside a cell. */
function parseCsv(text: string): string[][] {
  return text
    .trimEnd()
    .split("\n")
    .map((line) =>
      [...line.matchAll(/"((?:[^"]|"")*)"|([^,]+)/g)].map((m) => (m[1] ?? m[2]!).replace(/""/g, '"')),
    );
}

async function readText(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

describe("claims list: 4.0 filters", () => {
  it("filters by bot detected, 1:1 false, language not approved, match failed, verdict and version, own tenant only", async () => {
    const { actor } = await seedBothVersions();
    const hostile = SEEDS[7]!.reference;

    expect(await referencesFor(actor, { bot: "yes" })).toEqual(["v4-bot"]);
    expect(await referencesFor(actor, { oneToOne: "no" })).toEqual(["v4-not-1to1"]);
    expect(await referencesFor(actor, { language: "unapproved" })).toEqual(["v4-unapproved-unmatched"]);
    expect(await referencesFor(actor, { match: "failed" })).toEqual([
      "v3-mismatch",
      "v4-unapproved-unmatched",
    ]);
    expect(await referencesFor(actor, { verdict: "pass" })).toEqual(["v4-clean"]);
    expect(await referencesFor(actor, { verdict: "fail" })).toEqual(
      [hostile, "v4-bot", "v4-not-1to1", "v4-unapproved-unmatched"].sort(),
    );
    expect(await referencesFor(actor, { version: "3.0" })).toEqual(["v3-match", "v3-mismatch"]);
    expect(await referencesFor(actor, { version: "4.0" })).toHaveLength(6);
    expect(await referencesFor(actor, {})).toHaveLength(SEEDS.length);
    // Filters combine (AND).
    expect(await referencesFor(actor, { version: "4.0", match: "failed" })).toEqual([
      "v4-unapproved-unmatched",
    ]);
    expect(await referencesFor(actor, { bot: "yes", oneToOne: "no" })).toEqual([]);

    // The list carries what the table shows for 4.0.
    const [bot] = (await listClaims(actor, { bot: "yes" }, null, 50)).rows;
    expect(bot).toMatchObject({ apiVersion: "v4_0", verdict: "fail", botDetected: true, oneToOne: true });
  });

  it("reads the mismatch=yes links written before 4.0 as match=failed", async () => {
    const { actor } = await seedBothVersions();
    const old = claimFilters.parse({ mismatch: "yes" });
    expect(old).toEqual({ match: "failed" });
    expect(await referencesFor(actor, old)).toEqual(["v3-mismatch", "v4-unapproved-unmatched"]);
    expect(claimFilters.parse({ mismatch: "yes", match: "failed" })).toEqual({ match: "failed" });
  });

  it("refuses hostile filter values in words, before anything is read or audited", async () => {
    const { actor } = await seedBothVersions();
    const refusals: Array<[string, string]> = [
      ["version=5.0", "The API version filter is 3.0 or 4.0."],
      ["version=v4_0", "The API version filter is 3.0 or 4.0."],
      ["bot=true", "The bot detected filter is yes or left out."],
      ["oneToOne=false", "The 1:1 consent filter is no or left out."],
      ["language=%27%20OR%201%3D1%20--", "The consent language filter is unapproved or left out."],
      ["match=yes", "The lead match filter is failed or left out."],
      ["mismatch=no", "The mismatch filter is yes or left out."],
      ["verdict=FAIL", "The verdict filter is pass or fail."],
      ["outcome=%7B%22not%22%3Anull%7D", "The outcome filter is success, failure, error or unknown."],
    ];
    for (const [query, message] of refusals) {
      const refused = await exportClaimsCsv(actor, new URLSearchParams(query)).catch(
        (error: unknown) => error,
      );
      expect(refused, query).toBeInstanceOf(UserFacingError);
      expect((refused as UserFacingError).kind, query).toBe("invalid"); // the route answers 400
      expect((refused as UserFacingError).message, query).toBe(message);
    }
    const exported = await systemDb.auditEntry.count({
      where: { tenantId: actor.tenantId, action: "claims.exported" },
    });
    expect(exported).toBe(0);
  });
});

describe("claims CSV export", () => {
  const OLD_COLUMNS = [
    "claim_id",
    "cert_id",
    "vendor",
    "reference",
    "status",
    "outcome",
    "required_found",
    "required_total",
    "forbidden_found",
    "fingerprint_match",
    "warnings",
    "decision",
    "claimed_at",
    "error",
  ];
  const V4_COLUMNS = [
    "api_version",
    "verdict",
    "failed_rules",
    "email_match",
    "phone_match",
    "retained_until",
    "bot_detected",
    "one_to_one",
    "language_approved",
    "seconds_on_page",
  ];

  it("keeps the 3.0 columns first, in order, and appends the 4.0 ones, formula-safe, own tenant only", async () => {
    const { actor } = await seedBothVersions();
    const download = await exportClaimsCsv(actor, new URLSearchParams("version=&bot="));
    const [header, ...lines] = parseCsv(await readText(download.body));
    expect(header).toEqual([...OLD_COLUMNS, ...V4_COLUMNS]);
    expect(lines).toHaveLength(SEEDS.length);
    for (const line of lines) expect(line).toHaveLength(header!.length);
    const rows = lines.map((line) => Object.fromEntries(header!.map((name, i) => [name, line[i]!])));
    const byReference = (reference: string) => rows.find((row) => row.reference === reference)!;
    expect(rows.some((row) => row.reference!.startsWith("other:"))).toBe(false);

    expect(byReference("v4-bot")).toMatchObject({
      api_version: "4.0",
      verdict: "fail",
      failed_rules: "Bot detected: yes — failed; Time on page: 12.5 s (at least 30 s required) — failed",
      email_match: "true",
      phone_match: "false",
      retained_until: "2031-12-06T10:00:00.000Z",
      bot_detected: "true",
      one_to_one: "true",
      language_approved: "true",
      seconds_on_page: "12.5",
      fingerprint_match: "true",
    });
    expect(byReference("v4-unapproved-unmatched")).toMatchObject({
      email_match: "false",
      phone_match: "",
      one_to_one: "",
      language_approved: "false",
    });
    expect(byReference("v4-clean")).toMatchObject({ verdict: "pass", failed_rules: "" });
    expect(byReference("v4-bare")).toMatchObject({ verdict: "", failed_rules: "", bot_detected: "" });
    // A 3.0 claim: its columns as before, and empty 4.0 facts.
    expect(byReference("v3-mismatch")).toMatchObject({
      api_version: "3.0",
      fingerprint_match: "false",
      outcome: "success",
      verdict: "",
      failed_rules: "",
      retained_until: "",
      seconds_on_page: "",
    });
    // What a vendor or a stored rule says never runs as a formula; entries that are not rules are skipped.
    const hostile = rows.find((row) => row.vendor === "'@SUM(A1:A9)")!;
    expect(hostile.reference).toBe('\'=HYPERLINK("http://evil.example")');
    expect(hostile.failed_rules).toBe("'=cmd|' /C calc'!A0");

    const audit = await systemDb.auditEntry.findFirstOrThrow({
      where: { tenantId: actor.tenantId, action: "claims.exported" },
    });
    expect(audit.details).toEqual({ filters: {} });
  });

  it("exports only the filtered 4.0 claims, and audits the filters the old link meant", async () => {
    const { actor } = await seedBothVersions();
    const byBot = parseCsv(
      await readText((await exportClaimsCsv(actor, new URLSearchParams("bot=yes"))).body),
    );
    expect(byBot.slice(1).map((line) => line[3])).toEqual(["v4-bot"]);
    const old = parseCsv(
      await readText((await exportClaimsCsv(actor, new URLSearchParams("mismatch=yes"))).body),
    );
    expect(
      old
        .slice(1)
        .map((line) => line[3])
        .sort(),
    ).toEqual(["v3-mismatch", "v4-unapproved-unmatched"]);
    const audits = await systemDb.auditEntry.findMany({
      where: { tenantId: actor.tenantId, action: "claims.exported" },
      orderBy: { seq: "asc" },
    });
    expect(audits.map((entry) => entry.details)).toEqual([
      { filters: { bot: "yes" } },
      { filters: { match: "failed" } },
    ]);
  });
});
