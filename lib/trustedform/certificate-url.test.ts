import { describe, expect, it } from "vitest";
import ids from "./fixtures/certificate-ids.json";
import { parseCertificateUrl, TRUSTEDFORM_ORIGIN } from "./certificate-url";

const WEB = "4b9c7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a";
const MOBILE_80 = "1CgT5lnszfHVYeb-_YxqZ0tZmOCDfWp_Si_qOTdbZsKu9UQdfrj8KUZSGFp7ZxEjwMyeySxoLRfJspnD";
const FACEBOOK = "0.AbCdEf012345._-xyz.QRSTUV789";
const SANDBOX = "http://127.0.0.1:4020";

describe("the certificate URL rule", () => {
  it("accepts every id of ActiveProspect's own integration fixtures, and builds the request URL itself", () => {
    for (const { url, id } of ids.valid) {
      expect(parseCertificateUrl(url, TRUSTEDFORM_ORIGIN), url).toMatchObject({
        ok: true,
        certId: id,
        url: `${TRUSTEDFORM_ORIGIN}/${id}`,
      });
    }
    for (const url of ids.invalid) expect(parseCertificateUrl(url, TRUSTEDFORM_ORIGIN).ok, url).toBe(false);
  });

  it("accepts 40- and 80-character ids in any case, 0.-prefixed ids with dots, and names the format", () => {
    for (const [id, format] of [
      [WEB, "standard"],
      [WEB.toUpperCase(), "standard"],
      ["1CgT5lnszfHVYeb-_YxqZ0tZmOCDfWp_Si_qOTdb", "standard"],
      [MOBILE_80, "extended"],
      [FACEBOOK, "zero-prefixed"],
      ["0.only.two", "zero-prefixed"],
      ["0.a.b.c.d", "zero-prefixed"],
      ["0.single", "zero-prefixed"],
      [`0.${"a".repeat(253)}`, "zero-prefixed"],
    ] as const) {
      expect(parseCertificateUrl(`${TRUSTEDFORM_ORIGIN}/${id}`, TRUSTEDFORM_ORIGIN), id).toEqual({
        ok: true,
        certId: id,
        format,
        url: `${TRUSTEDFORM_ORIGIN}/${id}`,
      });
    }
    expect(parseCertificateUrl(`  https://CERT.TrustedForm.com/${WEB}  `, TRUSTEDFORM_ORIGIN)).toEqual({
      ok: true,
      certId: WEB,
      format: "standard",
      url: `${TRUSTEDFORM_ORIGIN}/${WEB}`,
    });
    expect(parseCertificateUrl(`${SANDBOX}/${WEB}`, SANDBOX)).toMatchObject({
      ok: true,
      url: `${SANDBOX}/${WEB}`,
    });
  });

  it("normalises http:// of the service's host and one trailing slash, as ActiveProspect's integration does", () => {
    for (const input of [
      `http://cert.trustedform.com/${WEB}`,
      `HTTP://Cert.TrustedForm.com/${WEB}`,
      `https://cert.trustedform.com/${WEB}/`,
      `http://cert.trustedform.com/${WEB}/`,
    ]) {
      expect(parseCertificateUrl(input, TRUSTEDFORM_ORIGIN), input).toMatchObject({
        ok: true,
        certId: WEB,
        url: `${TRUSTEDFORM_ORIGIN}/${WEB}`,
      });
    }
    expect(parseCertificateUrl(`${SANDBOX}/${FACEBOOK}/`, SANDBOX)).toMatchObject({
      ok: true,
      url: `${SANDBOX}/${FACEBOOK}`,
    });
  });

  const hostile = [
    `https://cert.trustedform.com.evil.example/${WEB}`,
    `https://CERT.TRUSTEDFORM.COM.evil.example/${WEB}`,
    `http://cert.trustedform.com.evil.example/${WEB}`,
    `https://evil.example/cert.trustedform.com/${WEB}`,
    `https://evil.example/?u=https://cert.trustedform.com/${WEB}`,
    `https://cert.trustedform.com@evil.example/${WEB}`,
    `http://cert.trustedform.com@evil.example/${WEB}`,
    `https://user:pass@cert.trustedform.com/${WEB}`,
    `https://@cert.trustedform.com/${WEB}`,
    `https://evil.example\\@cert.trustedform.com/${WEB}`,
    `https://evil.example%2f@cert.trustedform.com/${WEB}`,
    `https://cert.trustedform.com:8443/${WEB}`,
    `https://cert.trustedform.com:443/${WEB}`,
    `http://cert.trustedform.com:80/${WEB}`,
    `https://cert.trustedform.com./${WEB}`,
    `https://cert.trustedform%2ecom/${WEB}`,
    `https://cert-trustedform.com/${WEB}`,
    `https://cert.trustedfórm.com/${WEB}`,
    `https://xn--cert-trustedfrm-bmb.com/${WEB}`,
    `//cert.trustedform.com/${WEB}`,
    `cert.trustedform.com/${WEB}`,
    `javascript:alert(1)//cert.trustedform.com/${WEB}`,
    `file:///cert.trustedform.com/${WEB}`,
    `ftp://cert.trustedform.com/${WEB}`,
    `https://cert.trustedform.com/${WEB}/extra`,
    `https://cert.trustedform.com/${WEB}//`,
    `https://cert.trustedform.com/${WEB}?redirect=https://evil.example`,
    `https://cert.trustedform.com/${WEB}#fragment`,
    `https://cert.trustedform.com/../${WEB}`,
    `https://cert.trustedform.com/%2e%2e/${WEB}`,
    `https://cert.trustedform.com/${WEB}%00`,
    `https://cert.trustedform.com/${WEB}\r\nHost: evil.example`,
    `https://cert.trustedform.com/ ${WEB}`,
    `https://cert.trustedform.com/${"g".repeat(39)}`,
    `https://cert.trustedform.com/${"g".repeat(41)}`,
    `https://cert.trustedform.com/${"a".repeat(79)}`,
    `https://cert.trustedform.com/${"a".repeat(81)}`,
    `https://cert.trustedform.com/${WEB}.`,
    `https://cert.trustedform.com/not-a-certificate`,
    `https://cert.trustedform.com/0.`,
    `https://cert.trustedform.com/0..`,
    `https://cert.trustedform.com/0..secret`,
    `https://cert.trustedform.com/0.a..b`,
    `https://cert.trustedform.com/0.a/../${WEB}`,
    `https://cert.trustedform.com/0.a/b`,
    `https://cert.trustedform.com/0.a%2fb`,
    `https://cert.trustedform.com/0.a%2e%2e`,
    `https://cert.trustedform.com/0.a?b`,
    `https://cert.trustedform.com/0.a#b`,
    `https://cert.trustedform.com/0.a+b`,
    `https://cert.trustedform.com/0.a~b`,
    `https://cert.trustedform.com/1.${WEB}`,
    `https://cert.trustedform.com/${`0.${"a".repeat(254)}`}`,
    `https://cert.trustedform.com/`,
    `https://cert.trustedform.com//`,
    `https://cert.trustedform.com`,
    `${SANDBOX}/${WEB}`,
    "",
  ];

  it(`refuses ${hostile.length} hostile or malformed URLs for a production tenant, with a reason`, () => {
    expect(hostile.length).toBeGreaterThanOrEqual(50);
    for (const input of hostile) {
      const result = parseCertificateUrl(input, TRUSTEDFORM_ORIGIN);
      expect(result.ok, input).toBe(false);
      if (!result.ok) expect(result.reason.length).toBeGreaterThan(10);
    }
  });

  it("refuses the real service for a sandbox tenant, other local ports, and never rewrites a sandbox's scheme", () => {
    expect(parseCertificateUrl(`${TRUSTEDFORM_ORIGIN}/${WEB}`, SANDBOX).ok).toBe(false);
    expect(parseCertificateUrl(`http://cert.trustedform.com/${WEB}`, SANDBOX).ok).toBe(false);
    expect(parseCertificateUrl(`http://127.0.0.1:4021/${WEB}`, SANDBOX).ok).toBe(false);
    expect(parseCertificateUrl(`http://127.0.0.1:40200/${WEB}`, SANDBOX).ok).toBe(false);
    expect(parseCertificateUrl(`http://localhost:4020/${WEB}`, SANDBOX).ok).toBe(false);
    expect(parseCertificateUrl(`https://127.0.0.1:4020/${WEB}`, SANDBOX).ok).toBe(false);
  });
});
