// Request bodies for each mix of operations, against the bodies ActiveProspect's own client sends
// (fixtures/claim-4.0-leadconduit.json) and the portal's request sample, and every request the API would refuse.
import { describe, expect, it } from "vitest";
import leadconduit from "../fixtures/claim-4.0-leadconduit.json";
import portal from "../fixtures/claim-4.0-developer-portal.json";
import { emailFingerprint, phoneFingerprint } from "../fingerprint";
import { buildV4Body, INSIGHTS_PROPERTIES, type InsightsProperty } from "./build-v4-request";

const built = (request: Parameters<typeof buildV4Body>[0]) => {
  const result = buildV4Body(request);
  if (!result.ok) throw new Error(result.reason);
  return result.body;
};

describe("buildV4Body", () => {
  it("hashes the email and phone by default: the published example fingerprint, no raw value", () => {
    const body = built({ matchLead: { email: " Test@ActiveProspect.com ", phone: "512-789-1111" } });
    expect(body.match_lead).toEqual({
      email: emailFingerprint("test@activeprospect.com"),
      phone: "12864b281c728bdca0f2102dba31308e1014fe4a",
    });
    expect(JSON.stringify(body)).not.toMatch(/activeprospect|512/i);
  });

  it("sends raw values only when asked, and given fingerprints as lower-case hex", () => {
    expect(
      built({ matchLead: { email: "a@b.test", phone: "5122981234", sendRawValues: true } }).match_lead,
    ).toEqual({
      email: "a@b.test",
      phone: "5122981234",
    });
    const upper = phoneFingerprint("5122981234").toUpperCase();
    expect(built({ matchLead: { phoneFingerprint: upper } }).match_lead).toEqual({
      phone: upper.toLowerCase(),
    });
  });

  it("builds LeadConduit's three published bodies (shapes and names), with fingerprints", () => {
    const [both, retainOnly, insightsOnly] = leadconduit.requests;
    const properties = both!.body.insights!.properties as InsightsProperty[];
    const body = built({
      matchLead: { email: "test@activeprospect.com", phone: "5122981234", sendRawValues: true },
      retain: { reference: "https://app.leadconduit.com/events/4567", vendor: "Acme, Inc." },
      insights: { properties },
    });
    expect(body).toEqual(both!.body);
    expect(Object.keys(body)).toEqual(Object.keys(both!.body));
    expect(
      built({
        matchLead: { email: "test@activeprospect.com", phone: "5122981234", sendRawValues: true },
        retain: { reference: "9876", vendor: "ABC, Inc." },
      }),
    ).toEqual(retainOnly!.body);
    expect(
      built({
        insights: {
          properties: ["age_seconds", "approx_ip_geo", "domain"],
          scans: { required: ["click here!"] },
        },
      }),
    ).toEqual({ insights: { ...insightsOnly!.body.insights, scans: { required: ["click here!"] } } });
  });

  it("builds the portal's sample with every operation and the Verify criteria", () => {
    const sample = portal.request.body;
    const body = built({
      matchLead: { email: "janedoe@gmail.com", sendRawValues: true },
      retain: { reference: "1128238382829", vendor: "Acme Co." },
      insights: {
        properties: sample.insights.properties as InsightsProperty[],
        scans: { forbidden: ["free", "ipad"], required: ["home security system"] },
      },
      verify: {
        advertiser_name: "Acme Inc.",
        min_contrast_ratio_required: 7,
        min_font_size_px_required: 16,
        opt_in_types_allowed: ["manual", "pre-selected", "non-interactive"],
      },
    });
    expect(body).toEqual(sample);
    // The portal's sample asks for every data point the facts list.
    expect([...sample.insights.properties].sort()).toEqual([...INSIGHTS_PROPERTIES].sort());
  });

  it("sends verify alone, even with no criteria (the account's verification criteria then apply)", () => {
    expect(built({ verify: {} })).toEqual({ verify: {} });
  });

  it("refuses what the API would refuse, before anything is sent", () => {
    const refusal = (request: Parameters<typeof buildV4Body>[0]) => {
      const result = buildV4Body(request);
      return result.ok ? null : result.reason;
    };
    expect(refusal({})).toMatch(/at least one operation/);
    expect(refusal({ retain: { reference: "x" } })).toMatch(/only with lead matching/);
    expect(refusal({ matchLead: {}, retain: {} })).toMatch(/email or phone/);
    expect(refusal({ matchLead: { email: "   " } })).toMatch(/email or phone/);
    expect(refusal({ matchLead: { phone: "call me" } })).toMatch(/no digits/);
    expect(refusal({ matchLead: { emailFingerprint: "not-a-hash" } })).toMatch(/SHA-1/);
    expect(
      refusal({ insights: { properties: ["bot_detected", "credit_score" as InsightsProperty] } }),
    ).toMatch(/Unknown Insights properties: credit_score/);
    expect(refusal({ insights: { properties: [] } })).toMatch(/at least one property/);
    expect(refusal({ verify: { opt_in_types_allowed: ["checkbox" as "manual"] } })).toMatch(/not checkbox/);
    expect(refusal({ verify: { min_font_size_px_required: -1 } })).toMatch(/positive/);
    expect(refusal({ verify: { min_contrast_ratio_required: Number.NaN } })).toMatch(/positive/);
  });

  it("drops empty scan terms and duplicate properties, and keeps a delimiter only with terms", () => {
    expect(
      built({
        insights: {
          properties: ["ip", "ip"],
          scans: { required: ["", "  "], forbidden: [], delimiter: "|" },
        },
      }),
    ).toEqual({ insights: { properties: ["ip"] } });
    expect(
      built({ insights: { properties: [], scans: { forbidden: ["free |*| phone"], delimiter: "|" } } }),
    ).toEqual({ insights: { properties: [], scans: { forbidden: ["free |*| phone"], delimiter: "|" } } });
  });
});
