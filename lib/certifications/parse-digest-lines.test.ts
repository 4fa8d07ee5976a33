import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { hashCertificationInput } from "./certification-input";
import { parseDigestLines, sanitiseDigestName } from "./parse-digest-lines";

const hex = (seed: string) => crypto.createHash("sha256").update(seed).digest("hex");

describe("parseDigestLines", () => {
  it("reads sha256sum lines (text and binary mode) and name,hex lines, skipping blanks and comments", () => {
    const a = hex("a");
    const b = hex("b");
    const c = hex("c");
    const parsed = parseDigestLines(
      `# sha256sum output\n${a}  contract.pdf\r\n\n${b} *photo one.jpg\n  reports/q1,  ${c.toUpperCase()}  \n`,
    );
    expect(parsed.errors).toEqual([]);
    expect(parsed.files).toEqual([
      { name: "contract.pdf", sha256: a, line: 2 },
      { name: "photo one.jpg", sha256: b, line: 4 },
      { name: "reports/q1", sha256: c, line: 5 },
    ]);
    // What the browser accepts, the server's own schema accepts too.
    expect(
      hashCertificationInput.safeParse({
        title: "t",
        files: parsed.files.map(({ name, sha256 }) => ({ name, sha256 })),
      }).success,
    ).toBe(true);
  });

  it("refuses digests of 63 and 65 characters and non-hex digests, naming the line", () => {
    const good = hex("x");
    const parsed = parseDigestLines(
      [
        `${good.slice(1)}  short.txt`,
        `${good}a  long.txt`,
        `${good.slice(0, 63)}g  not-hex.txt`,
        `n.txt,zz${good.slice(2)}`,
      ].join("\n"),
    );
    expect(parsed.files).toEqual([]);
    expect(parsed.errors).toEqual([
      { line: 1, message: "A SHA-256 digest has 64 hexadecimal characters; this one has 63." },
      { line: 2, message: "A SHA-256 digest has 64 hexadecimal characters; this one has 65." },
      { line: 3, message: "The digest has characters that are not hexadecimal (0-9, a-f)." },
      { line: 4, message: "The digest has characters that are not hexadecimal (0-9, a-f)." },
    ]);
  });

  it("reads a name,hex line whose name starts with a hex-looking word", () => {
    const d = hex("beef");
    expect(parseDigestLines(`deadbeef notes.txt,${d}`)).toEqual({
      files: [{ name: "deadbeef notes.txt", sha256: d, line: 1 }],
      errors: [],
    });
  });

  it("refuses a line with no digest or no name", () => {
    const parsed = parseDigestLines(`just some words\n${hex("n")}\n${hex("m")},`);
    expect(parsed.files).toEqual([]);
    expect(parsed.errors.map((e) => e.line)).toEqual([1, 2, 3]);
    expect(parsed.errors[0]!.message).toContain("<sha256>  <name>");
  });

  it("refuses a digest pasted twice (any case), pointing at the first line", () => {
    const d = hex("dup");
    const parsed = parseDigestLines(`${d}  one.txt\n${d.toUpperCase()}  two.txt\nthree.txt,${d}`);
    expect(parsed.files).toEqual([{ name: "one.txt", sha256: d, line: 1 }]);
    expect(parsed.errors).toEqual([
      { line: 2, message: "The same digest as line 1: it would be certified twice." },
      { line: 3, message: "The same digest as line 1: it would be certified twice." },
    ]);
  });

  it("removes control and bidi characters from names and cuts them at 255 characters", () => {
    const parsed = parseDigestLines(
      `${hex("1")}  bad\u0000na\u0007me\u001b[31m.txt\n${hex("2")}  gnp\u202Eexe.png\n${hex("3")}  ${"x".repeat(400)}\n${hex("4")}  \u0001\u0002`,
    );
    expect(parsed.files.map((f) => f.name)).toEqual(["badname[31m.txt", "gnpexe.png", "x".repeat(255)]);
    expect(parsed.errors).toEqual([{ line: 4, message: "Give the digest a file name." }]);
    for (const f of parsed.files) expect(f.name).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202e]/);
    expect(sanitiseDigestName("  a\u0085b\u2066c  ")).toBe("abc");
  });

  it("reads 10,000 lines, and says the limit is 1,000 digests per certification", () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => `${hex(String(i))}  file-${i}.bin`);
    const parsed = parseDigestLines(lines.join("\n"));
    expect(parsed.files).toHaveLength(10_000);
    expect(new Set(parsed.files.map((f) => f.sha256)).size).toBe(10_000);
    expect(parsed.errors).toEqual([{ line: 1001, message: "Up to 1000 digests per certification." }]);
    // Far over the limit: refused without reading every line.
    const huge = parseDigestLines(`${lines[0]}\n`.repeat(10_001));
    expect(huge.files).toEqual([]);
    expect(huge.errors[0]!.message).toContain("at most 1000 digests");
  });
});
