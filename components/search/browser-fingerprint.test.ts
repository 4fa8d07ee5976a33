import { describe, expect, it } from "vitest";
import { emailFingerprint, phoneFingerprint } from "@/lib/trustedform/fingerprint";
import { browserEmailFingerprint, browserPhoneFingerprint } from "./browser-fingerprint";

describe("the browser's lead fingerprints", () => {
  it("equal the server's for emails as demand letters write them", async () => {
    const emails = [
      "jane.doe@example.com",
      "  Jane.Doe@Example.COM  ",
      "\tJANE.DOE@EXAMPLE.COM\n",
      "Zoë.Ünïcode@exämple.de",
      "o'brien+leads@example.co.uk",
    ];
    for (const email of emails) {
      expect(await browserEmailFingerprint(email)).toBe(emailFingerprint(email));
    }
    // Case and surrounding spaces do not change who it is.
    expect(await browserEmailFingerprint("  Jane.Doe@Example.COM ")).toBe(
      emailFingerprint("jane.doe@example.com"),
    );
    // The known SHA-1 of the normalised text, independent of both implementations.
    expect(await browserEmailFingerprint(" Test@Example.com")).toBe(
      "567159d622ffbb50b11b0efd307be358624a26ee",
    );
  });

  it("equal the server's for phones in every written form", async () => {
    const forms = [
      "+1 (512) 789-1111",
      "1-512-789-1111",
      "1.512.789.1111",
      " 1 512 789 1111 ",
      "15127891111",
    ];
    const expected = phoneFingerprint("15127891111");
    for (const form of forms) {
      expect(await browserPhoneFingerprint(form)).toBe(phoneFingerprint(form));
      expect(await browserPhoneFingerprint(form)).toBe(expected);
    }
    // Without the country code it is another fingerprint, on both sides (TrustedForm hashes the digits as given).
    expect(await browserPhoneFingerprint("(512) 789-1111")).toBe(phoneFingerprint("5127891111"));
    expect(await browserPhoneFingerprint("(512) 789-1111")).not.toBe(expected);
  });
});
