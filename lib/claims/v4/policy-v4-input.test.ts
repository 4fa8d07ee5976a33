import { describe, expect, it } from "vitest";
import { EMPTY_POLICY_V4, policyV4Columns, policyV4Draft, policyV4Input } from "./policy-v4-input";

describe("the 4.0 part of a claim policy", () => {
  it("round-trips through the row's columns", () => {
    const input = {
      ...EMPTY_POLICY_V4,
      insightsProperties: ["bot_detected", "bot_detected", "seconds_on_page"],
      verify: true,
      verifyAdvertiserName: " Acme Inc. ",
      verifyMinFontSizePx: "10",
      verifyOptInTypes: ["manual"],
      rules: [
        { kind: "no_bot_detected" },
        { kind: "min_seconds_on_page", seconds: 4 },
        { kind: "no_bot_detected" },
      ],
    };
    const parsed = policyV4Input.parse(input);
    const columns = policyV4Columns(parsed);
    expect(columns).toMatchObject({
      insightsProperties: ["bot_detected", "seconds_on_page"],
      verifyAdvertiserName: "Acme Inc.",
      verifyMinFontSizePx: 10,
      verifyMinContrastRatio: null,
      rules: [{ kind: "no_bot_detected" }, { kind: "min_seconds_on_page", seconds: 4 }],
    });
    expect(policyV4Draft(columns)).toMatchObject({
      verifyMinFontSizePx: "10",
      verifyAdvertiserName: "Acme Inc.",
    });
  });

  it.each([
    [{ insightsProperties: ["password"] }, /Unknown Insights data point/],
    [{ verifyMinFontSizePx: "-3" }, /positive number/],
    [{ verifyMinContrastRatio: "99" }, /at most 21/],
    [{ verifyOptInTypes: ["forced"] }, /Unknown opt-in type/],
    [{ rules: [{ kind: "min_seconds_on_page", seconds: 0 }] }, /above 0/],
    [{ rules: [{ kind: "drop_tables" }] }, /./],
    [{ verifyAdvertiserName: { toString: "x" } }, /./],
  ])("refuses %j with words", (patch, message) => {
    const result = policyV4Input.safeParse({ ...EMPTY_POLICY_V4, ...patch });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });

  it("reads a row written by hand with unknown values as a clean draft", () => {
    const draft = policyV4Draft({
      insightsProperties: ["bot_detected", "nope"],
      verify: false,
      verifyAdvertiserName: null,
      verifyMinFontSizePx: null,
      verifyMinContrastRatio: null,
      verifyOptInTypes: ["manual", "nope"],
      rules: "not a list",
    });
    expect(draft).toMatchObject({
      insightsProperties: ["bot_detected"],
      verifyOptInTypes: ["manual"],
      rules: [],
    });
  });
});
