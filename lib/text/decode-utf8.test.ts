import { describe, expect, it } from "vitest";
import { decodeUtf8 } from "./decode-utf8";

describe("decodeUtf8", () => {
  it("refuses real Latin-1 bytes (Café in ISO-8859-1) and names the encoding, the byte and the line", () => {
    const latin1 = Buffer.from("cert_url,vendor\nhttps://x,Café Leads\n", "latin1");
    expect(latin1.includes(0xe9)).toBe(true);
    const result = decodeUtf8(latin1);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem).toContain("not valid UTF-8");
    expect(result.problem).toContain("byte 0xE9 on line 2");
    expect(result.problem).toContain("Latin-1");
    expect(result.problem).not.toContain("\uFFFD");
  });

  it("finds the first invalid byte however deep in the file it is", () => {
    const lines = Array.from({ length: 5000 }, (_, i) => `row ${i},Zoë`);
    const good = Buffer.from(lines.join("\n"), "utf8");
    const bad = Buffer.concat([good, Buffer.from("\nlast,Cr\xe8me", "latin1")]);
    const result = decodeUtf8(bad);
    expect(result).toEqual({ ok: false, problem: expect.stringContaining("byte 0xE8 on line 5001") });
  });

  it("refuses UTF-16 (which can be valid UTF-8 byte by byte for ASCII text)", () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a,b\n1,2\n", "utf16le")]);
    expect(decodeUtf8(utf16)).toEqual({ ok: false, problem: expect.stringContaining("UTF-16") });
  });

  it("reads UTF-8, accents and emoji included, and drops a byte-order mark", () => {
    const text = "vendor\nCafé Leads 📄\n";
    expect(decodeUtf8(Buffer.from(text, "utf8"))).toEqual({ ok: true, text });
    expect(decodeUtf8(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]))).toEqual({
      ok: true,
      text,
    });
  });

  it("refuses a sequence cut off at the very end of the file", () => {
    const cut = Buffer.from("Caf\xc3", "latin1");
    expect(decodeUtf8(cut)).toEqual({ ok: false, problem: expect.stringContaining("byte 0xC3 on line 1") });
  });
});
