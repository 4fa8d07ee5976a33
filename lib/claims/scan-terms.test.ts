import { describe, expect, it } from "vitest";
import { formatTermsText, parseTermsText, previewScan } from "./scan-terms";

const PAGE =
  "By clicking  SUBMIT, I consent to be contacted on behalf of Mortgage Acme at the telephone number provided. Win a free iPhone!";

describe("scan terms as text", () => {
  it("reads plain terms, wildcards and templates with indented rows, and writes them back", () => {
    const text =
      "I consent to be contacted\non behalf of {{*}} at the telephone number\non behalf of {{company}} at the {{method}}\n  company=Mortgage Acme; method=telephone number\n  company=Acme Co.; method=email";
    const { terms, errors } = parseTermsText(text);
    expect(errors).toEqual([]);
    expect(terms).toEqual([
      "I consent to be contacted",
      "on behalf of {{*}} at the telephone number",
      {
        template: "on behalf of {{company}} at the {{method}}",
        variables: [
          { company: "Mortgage Acme", method: "telephone number" },
          { company: "Acme Co.", method: "email" },
        ],
      },
    ]);
    expect(parseTermsText(formatTermsText(terms)).terms).toEqual(terms);
  });

  it("explains what is wrong, by line", () => {
    expect(parseTermsText("on behalf of {{company}}").errors[0]).toMatch(
      /^Line 1: .*add indented rows of values/,
    );
    expect(parseTermsText("  company=x").errors[0]).toMatch(/^Line 1: an indented row/);
    expect(parseTermsText("a {{b}} {{c}}\n  b=1").errors[0]).toMatch(/^Line 1, row 1: no value for c\./);
    expect(parseTermsText("a {{b}}\n  just text").errors[0]).toMatch(/^Line 2: write values as name=value/);
  });

  it("uses a custom delimiter for wildcards and template variables", () => {
    const { terms, errors } = parseTermsText(
      "on behalf of |company| at\n  company=Mortgage Acme\nclicking |*| consent",
      "|",
    );
    expect(errors).toEqual([]);
    expect(previewScan(PAGE, terms, [], "|").required.map((r) => r.found)).toEqual([true, true]);
  });
});

describe("previewScan", () => {
  it("is case- and whitespace-insensitive, and fails on a missing required or a found forbidden term", () => {
    const preview = previewScan(
      PAGE,
      ["by clicking submit, i CONSENT", "terms of service"],
      ["free iphone", "guaranteed"],
    );
    expect(preview).toEqual({
      required: [
        { term: "by clicking submit, i CONSENT", found: true },
        { term: "terms of service", found: false },
      ],
      forbidden: [
        { term: "free iphone", found: true },
        { term: "guaranteed", found: false },
      ],
      outcome: "failure",
    });
    expect(
      previewScan(
        PAGE,
        [{ template: "on behalf of {{c}} at", variables: [{ c: "Nobody" }, { c: "mortgage acme" }] }],
        [],
      ).outcome,
    ).toBe("success");
  });
});
