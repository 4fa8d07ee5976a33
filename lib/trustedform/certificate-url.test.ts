import { describe, expect, it } from "vitest";
import { parseCertificateUrl, TRUSTEDFORM_ORIGIN } from "./certificate-url";

const WEB = "4b9c7f6e5d4c3b2a1f0e9d8c7b6a5f4e3d2c1b0a";
const MOBILE = "Q2VydGlmaWNhdGUtbW9iaWxlLXNkay1leGFtcGxlLWlkLWxvbmdlci10aGFuLTQw";
const FACEBOOK = "0.AbCdEf012345._-xyz.QRSTUV789";
const SANDBOX = "http://127.0.0.1:4020";

describe("the certificate URL rule", () => {
  it("accepts every real id format at exactly the allowed origin, and builds the request URL itself", () => {
    for (const [id, format] of [
      [WEB, "web"],
      [MOBILE, "mobile"],
      [FACEBOOK, "facebook"],
    ] as const) {
      expect(parseCertificateUrl(`${TRUSTEDFORM_ORIGIN}/${id}`, TRUSTEDFORM_ORIGIN)).toEqual({
        ok: true,
        certId: id,
        format,
        url: `${TRUSTEDFORM_ORIGIN}/${id}`,
      });
    }
    expect(parseCertificateUrl(`  https://CERT.TrustedForm.com/${WEB}  `, TRUSTEDFORM_ORIGIN)).toEqual({
      ok: true,
      certId: WEB,
      format: "web",
      url: `${TRUSTEDFORM_ORIGIN}/${WEB}`,
    });
    expect(parseCertificateUrl(`${SANDBOX}/${WEB}`, SANDBOX)).toMatchObject({
      ok: true,
      url: `${SANDBOX}/${WEB}`,
    });
  });

  const hostile = [
    `https://cert.trustedform.com.evil.example/${WEB}`,
    `https://CERT.TRUSTEDFORM.COM.evil.example/${WEB}`,
    `https://evil.example/cert.trustedform.com/${WEB}`,
    `https://evil.example/?u=https://cert.trustedform.com/${WEB}`,
    `https://cert.trustedform.com@evil.example/${WEB}`,
    `https://user:pass@cert.trustedform.com/${WEB}`,
    `https://@cert.trustedform.com/${WEB}`,
    `https://evil.example\\@cert.trustedform.com/${WEB}`,
    `https://evil.example%2f@cert.trustedform.com/${WEB}`,
    `http://cert.trustedform.com/${WEB}`,
    `https://cert.trustedform.com:8443/${WEB}`,
    `https://cert.trustedform.com:443/${WEB}`,
    `https://cert.trustedform.com./${WEB}`,
    `https://cert.trustedform%2ecom/${WEB}`,
    `https://cert-trustedform.com/${WEB}`,
    `https://cert.trustedfórm.com/${WEB}`,
    `https://xn--cert-trustedfrm-bmb.com/${WEB}`,
    `//cert.trustedform.com/${WEB}`,
    `cert.trustedform.com/${WEB}`,
    `javascript:alert(1)//cert.trustedform.com/${WEB}`,
    `file:///cert.trustedform.com/${WEB}`,
    `https://cert.trustedform.com/${WEB}/extra`,
    `https://cert.trustedform.com/${WEB}?redirect=https://evil.example`,
    `https://cert.trustedform.com/${WEB}#fragment`,
    `https://cert.trustedform.com/../${WEB}`,
    `https://cert.trustedform.com/%2e%2e/${WEB}`,
    `https://cert.trustedform.com/${WEB}%00`,
    `https://cert.trustedform.com/${WEB}\r\nHost: evil.example`,
    `https://cert.trustedform.com/ ${WEB}`,
    `https://cert.trustedform.com/${WEB.toUpperCase()}`,
    `https://cert.trustedform.com/${"g".repeat(40)}`,
    `https://cert.trustedform.com/not-a-certificate`,
    `https://cert.trustedform.com/0.only.two`,
    `https://cert.trustedform.com/`,
    `https://cert.trustedform.com`,
    `${SANDBOX}/${WEB}`,
    "",
  ];

  it(`refuses ${hostile.length} hostile or malformed URLs for a production tenant, with a reason`, () => {
    expect(hostile.length).toBeGreaterThanOrEqual(20);
    for (const input of hostile) {
      const result = parseCertificateUrl(input, TRUSTEDFORM_ORIGIN);
      expect(result.ok, input).toBe(false);
      if (!result.ok) expect(result.reason.length).toBeGreaterThan(10);
    }
  });

  it("refuses the real service for a sandbox tenant, and other local ports", () => {
    expect(parseCertificateUrl(`${TRUSTEDFORM_ORIGIN}/${WEB}`, SANDBOX).ok).toBe(false);
    expect(parseCertificateUrl(`http://127.0.0.1:4021/${WEB}`, SANDBOX).ok).toBe(false);
    expect(parseCertificateUrl(`http://127.0.0.1:40200/${WEB}`, SANDBOX).ok).toBe(false);
    expect(parseCertificateUrl(`http://localhost:4020/${WEB}`, SANDBOX).ok).toBe(false);
  });
});
