// Filing names from hostile titles: whatever the title, the name is safe ASCII a person can file.
import { describe, expect, it } from "vitest";
import { artifactFilingName, bundleFilingName, filingSlug, safeFileName } from "./filing-names";

const day = new Date("2026-03-04T23:59:59Z");

describe("filing names", () => {
  it.each([
    ["Contract évidence: Acme/2026", "contract-evidence-acme-2026"],
    ["../../etc/passwd", "etc-passwd"],
    ["  ", "evidence"],
    ["\u202Egnp.exe", "gnp-exe"],
    ["日本語だけ", "evidence"],
    ["CON", "con"],
    ["a".repeat(500), "a".repeat(60)],
    [`${"word ".repeat(11)}x`, "word-word-word-word-word-word-word-word-word-word-word-x"],
    ["null\u0000byte\r\nnewline", "null-byte-newline"],
  ])("slugs %j to %j", (title, slug) => {
    expect(filingSlug(title)).toBe(slug);
    expect(filingSlug(title)).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("names each artifact for filing, with the day in UTC", () => {
    const c = { title: "Lead audit Q3", date: day };
    expect(artifactFilingName(c, { type: "report", position: 0 })).toBe(
      "lead-audit-q3-2026-03-04-report.pdf",
    );
    expect(artifactFilingName(c, { type: "xml", position: 0 })).toBe("lead-audit-q3-2026-03-04-signed.xml");
    expect(artifactFilingName(c, { type: "data", position: 0 })).toBe("lead-audit-q3-2026-03-04-data.json");
    expect(artifactFilingName(c, { type: "report", position: 1 })).toBe(
      "lead-audit-q3-2026-03-04-report-2.pdf",
    );
    expect(
      artifactFilingName(c, { type: "media", position: 0, originalName: "C:\\Users\\x\\Site Photo.JPG" }),
    ).toBe("lead-audit-q3-2026-03-04-site-photo.jpg");
    expect(artifactFilingName(c, { type: "media", position: 2, originalName: ".htaccess" })).toBe(
      "lead-audit-q3-2026-03-04-htaccess",
    );
    expect(artifactFilingName(c, { type: "media", position: 2, originalName: "" })).toBe(
      "lead-audit-q3-2026-03-04-file-3",
    );
    expect(bundleFilingName("Smith v. Acme", day)).toBe("smith-v-acme-2026-03-04-evidence.zip");
    expect(bundleFilingName("", day, "case")).toBe("case-2026-03-04-evidence.zip");
  });

  it("keeps a plain extension only", () => {
    expect(safeFileName("report.tar.gz")).toBe("report-tar.gz");
    expect(safeFileName("x.<script>")).toBe("x-script");
    expect(safeFileName("photo.jpeg-very-long-extension")).toBe("photo-jpeg-very-long-extension");
  });
});
