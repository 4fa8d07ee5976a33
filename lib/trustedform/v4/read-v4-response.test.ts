// The 4.0 reader against every published answer (fixtures/claim-4.0-*.json) and against answers shaped differently
// from them: it never throws, keeps what it can read and names what it cannot.
import { describe, expect, it } from "vitest";
import leadconduit from "../fixtures/claim-4.0-leadconduit.json";
import portal from "../fixtures/claim-4.0-developer-portal.json";
import verifyFailures from "../fixtures/claim-4.0-verify-failures.json";
import { readV4Response, VERIFY_FAILURE_REASONS, verifyFailuresIn } from "./read-v4-response";

const [success, scansFailure] = leadconduit.responses;

describe("readV4Response", () => {
  it("reads LeadConduit's success answer: insights with nested browser and os, match_lead, retain `results`", () => {
    const { response, unreadable } = readV4Response(success!.body);
    expect(unreadable).toEqual([]);
    expect(response.outcome).toBe("success");
    expect(response.reason).toBeNull();
    expect(response.match_lead).toEqual({
      email: "superman@activeprospect.com",
      phone: null,
      email_match: true,
      phone_match: false,
      success: true,
    });
    expect(response.retain).toEqual({
      reference: "https://app.leadconduit-development.com/events/647916a0d2c7c9de31fffd13",
      vendor: "Inbound Verbose",
      campaign_id: null,
      expires_at: "2023-08-29T20:43:31.387448Z",
      previously_retained: true,
      masked_cert_url: null,
    });
    const props = response.insights!.properties!;
    expect(props.browser).toEqual({
      full: "Firefox 112.0.",
      name: "Firefox",
      version: { full: "112.0.", major: "112", minor: "0", patch: "" },
    });
    expect(props.os).toEqual({
      full: "Mac OS X 10.15",
      name: "Mac OS X",
      is_mobile: false,
      version: { full: "10.15", major: "10", minor: "15", patch: null },
    });
    expect(props).toMatchObject({
      age_seconds: 91430,
      seconds_on_page: 8374,
      form_input_kpm: 212.38938053097348,
      num_sensitive_form_elements: 0,
      bot_detected: null,
      form_input_method: null,
    });
    expect(props.approx_ip_geo?.state).toBe("Texas");
    // Charged per data point returned: the answer's non-null data points.
    expect(response.insights!.returned).not.toContain("parent_page_url");
    expect(response.insights!.returned).toContain("seconds_on_page");
    expect(response.insights!.scans).toEqual({
      required: ["make a claim on Staging"],
      forbidden: [],
      success: true,
      required_found: ["make a claim on Staging"],
      required_not_found: [],
      forbidden_found: [],
      forbidden_not_found: [],
    });
    expect(response.verify).toBeNull();
  });

  it("reads the failure 'Insights page scans unsuccessful' with the term not found", () => {
    const { response, unreadable } = readV4Response(scansFailure!.body);
    expect(unreadable).toEqual([]);
    expect(response).toMatchObject({ outcome: "failure", reason: "Insights page scans unsuccessful" });
    expect(response.insights?.properties).toBeNull();
    expect(response.insights?.scans).toMatchObject({
      success: false,
      required_not_found: ["make a claim on Production"],
    });
  });

  it('reads the portal\'s sample: reason "null" is no reason, previously_retained "false" is false', () => {
    const { response, unreadable } = readV4Response(portal.response.body);
    expect(unreadable).toEqual([]);
    expect(response.reason).toBeNull();
    expect(response.retain).toMatchObject({ previously_retained: false, masked_cert_url: "<string>" });
    expect(response.match_lead).toMatchObject({ email_match: true, phone_match: true, success: true });
    const verify = readV4Response({ outcome: "success", verify: portal.verify_result }).response.verify;
    expect(verify).toEqual({
      advertiser_name: "Acme Inc.",
      min_font_size_px_required: null,
      min_contrast_ratio_required: null,
      opt_in_types_allowed: null,
      languages: [
        {
          text: "By clicking on the 'Get Rates' button below, I consent to be contacted",
          font_size_px: null,
          contrast_ratio: null,
          opt_in_type: null,
        },
      ],
      language_approved: true,
      one_to_one: true,
      success: true,
    });
  });

  it("accepts `result` under retain, as LeadConduit's code reads it", () => {
    const body = {
      outcome: "success",
      retain: { result: { expires_at: "2030-01-01T00:00:00Z", previously_retained: false } },
    };
    expect(readV4Response(body).response.retain).toMatchObject({
      expires_at: "2030-01-01T00:00:00Z",
      previously_retained: false,
    });
  });

  it("reads every documented Verify failure and names it", () => {
    const named = verifyFailures.responses.map((fixture) => {
      const { response, unreadable } = readV4Response(fixture.body);
      expect(unreadable, fixture.name).toEqual([]);
      expect(response.verify?.success, fixture.name).toBe(false);
      return verifyFailuresIn(response.reason);
    });
    expect(named).toEqual([["unavailable"], ["no_language"], ["not_approved"], ["no_consent_tags"], []]);
    expect(readV4Response(verifyFailures.responses[0]!.body).response.outcome).toBe("error");
    expect(readV4Response(verifyFailures.responses[3]!.body).response.verify?.one_to_one).toBeNull();
    expect(readV4Response(verifyFailures.responses[4]!.body).response.verify?.one_to_one).toBe(false);
    // Every documented reason, in the facts' words and in the knowledge base's (with a full stop).
    for (const reason of verifyFailures.reasons) {
      expect(verifyFailuresIn(reason)).toHaveLength(1);
      expect(verifyFailuresIn(`${reason}.`)).toHaveLength(1);
    }
    expect(Object.values(VERIFY_FAILURE_REASONS).sort()).toEqual([...verifyFailures.reasons].sort());
    expect(
      verifyFailuresIn(
        "Consent language not detected in the certificate; This form has not been setup to allow use of One to One Consent Check",
      ),
    ).toEqual(["no_language", "no_consent_tags"]);
  });

  it("never throws on hostile shapes, and names each odd field without its value", () => {
    for (const body of [null, "<html>502</html>", 42, [], { outcome: ["success"] }]) {
      const reading = readV4Response(body);
      expect(reading.unreadable.length).toBeGreaterThan(0);
    }
    const { response, unreadable } = readV4Response({
      outcome: "maybe",
      reason: 7,
      match_lead: { email: "x", result: { email_match: "yes" } },
      retain: "done",
      insights: {
        properties: {
          bot_detected: "secret-value",
          seconds_on_page: "12",
          form_input_method: "typing",
          os: 5,
        },
        scans: { result: { required: { found: "a" } } },
      },
      verify: { languages: [{ text: "ok", font_size_px: "big" }, 3], result: { one_to_one: null } },
    });
    expect(response.outcome).toBeNull();
    expect(response.reason).toBe("7");
    expect(response.match_lead?.email_match).toBeNull();
    expect(response.retain).toBeNull();
    expect(response.insights?.properties).toMatchObject({
      bot_detected: null,
      seconds_on_page: 12,
      form_input_method: ["typing"],
      os: null,
    });
    expect(response.insights?.scans?.required_found).toEqual(["a"]);
    expect(response.verify?.languages).toEqual([
      { text: "ok", font_size_px: null, contrast_ratio: null, opt_in_type: null },
    ]);
    expect(unreadable).toEqual([
      "outcome: a text other than success, failure or error",
      "match_lead.result.email_match: a text, expected true or false",
      "retain: a text, expected an object",
      "insights.properties.bot_detected: a text, expected true or false",
      "insights.properties.os: a number, expected an object",
      "verify.languages[0].font_size_px: a text, expected a number",
      "verify.languages[1]: a number, expected an object",
    ]);
    expect(unreadable.join(" ")).not.toContain("secret-value");
  });
});
