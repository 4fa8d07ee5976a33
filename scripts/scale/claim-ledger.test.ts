import { describe, expect, it } from "vitest";
import { compareClaims, ledgerProblems } from "./claim-ledger";

describe("compareClaims", () => {
  it("passes a batch whose every certificate reached TrustedForm exactly once", () => {
    const result = compareClaims(
      [
        { certId: "a", status: "claimed" },
        { certId: "b", status: "claimed" },
      ],
      new Map([
        ["a", 1],
        ["b", 1],
      ]),
    );
    expect(result).toMatchObject({
      rows: 2,
      claimed: 2,
      lost: [],
      duplicated: [],
      unknown: [],
      unsettled: [],
    });
    expect(ledgerProblems(result, new Set())).toEqual([]);
  });

  it("finds lost, duplicated, unsettled and disagreeing rows", () => {
    const result = compareClaims(
      [
        { certId: "lost", status: "queued" },
        { certId: "twice", status: "claimed" },
        { certId: "said-claimed", status: "claimed" },
        { certId: "said-failed", status: "failed" },
        { certId: "fine", status: "claimed" },
      ],
      new Map([
        ["lost", 0],
        ["twice", 2],
        ["said-claimed", 0],
        ["said-failed", 1],
        ["fine", 1],
      ]),
    );
    expect(result.lost).toEqual(["lost", "said-claimed"]);
    expect(result.duplicated).toEqual(["twice"]);
    expect(result.unsettled).toEqual(["lost", "said-failed"]);
    expect(result.disagreeing).toEqual(["said-claimed", "said-failed"]);
    const problems = ledgerProblems(result, new Set());
    expect(problems).toHaveLength(4);
    expect(problems[0]).toBe("2 lost claims (lost, said-claimed)");
    expect(problems[1]).toMatch(/^1 duplicated claims/);
  });

  it("lets rows in flight at a kill stay unknown, sent or not, and no other row", () => {
    const rows = [
      { certId: "sent", status: "unknown" },
      { certId: "unsent", status: "unknown" },
      { certId: "twice", status: "unknown" },
    ];
    const result = compareClaims(
      rows,
      new Map([
        ["sent", 1],
        ["unsent", 0],
        ["twice", 2],
      ]),
    );
    expect(result.unknown).toEqual(["sent", "unsent", "twice"]);
    expect(result.lost).toEqual([]);
    expect(result.duplicated).toEqual(["twice"]);
    expect(ledgerProblems(result, new Set(["sent", "unsent", "twice", "other"]))).toEqual([
      "1 duplicated claims (twice)",
    ]);
    expect(ledgerProblems(result, new Set(["sent", "twice"]))[1]).toBe(
      "1 rows unknown that were not in flight at the kill (unsent)",
    );
  });

  it("refuses to judge a row the simulator has no record of, or a certificate in the batch twice", () => {
    expect(() => compareClaims([{ certId: "x", status: "claimed" }], new Map())).toThrow(/no record/);
    expect(() =>
      compareClaims(
        [
          { certId: "x", status: "claimed" },
          { certId: "x", status: "claimed" },
        ],
        new Map([["x", 1]]),
      ),
    ).toThrow(/twice/);
  });
});
