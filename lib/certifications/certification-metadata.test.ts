// Metadata keys that are also names on Object.prototype are ordinary keys to a person filling in the form.
import { describe, expect, it } from "vitest";
import { hashCertificationInput } from "./certification-input";

const base = { title: "Evidence", files: [{ name: "a.pdf", sha256: "a".repeat(64) }] };

function metadataOf(rows: Array<{ key: string; value: string }>) {
  return hashCertificationInput.parse({ ...base, metadata: rows }).metadata;
}

function refusalOf(rows: Array<{ key: string; value: string }>) {
  const parsed = hashCertificationInput.safeParse({ ...base, metadata: rows });
  return parsed.success ? null : parsed.error.issues[0]?.message;
}

describe("certification metadata", () => {
  it("accepts constructor and __proto__ as keys, each an own property that JSON keeps", () => {
    const metadata = metadataOf([
      { key: "constructor", value: "Acme Builders" },
      { key: "__proto__", value: "polluted?" },
      { key: "toString", value: "x" },
      { key: "hasOwnProperty", value: "y" },
    ]);
    for (const key of ["constructor", "__proto__", "toString", "hasOwnProperty"])
      expect(Object.hasOwn(metadata, key)).toBe(true);
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(metadata))).toEqual(metadata);
    expect(JSON.stringify(metadata)).toBe(
      '{"constructor":"Acme Builders","__proto__":"polluted?","toString":"x","hasOwnProperty":"y"}',
    );
    // Nothing leaked onto other objects.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("still refuses a key that really appears twice, __proto__ included", () => {
    expect(
      refusalOf([
        { key: "__proto__", value: "1" },
        { key: "__proto__", value: "2" },
      ]),
    ).toBe('The metadata key "__proto__" appears twice.');
    expect(
      refusalOf([
        { key: "case", value: "1" },
        { key: " case ", value: "2" },
      ]),
    ).toBe('The metadata key "case" appears twice.');
    expect(refusalOf([{ key: "constructor", value: "1" }])).toBeNull();
  });
});
