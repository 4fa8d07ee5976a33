import { describe, expect, it } from "vitest";
import { describeChainVerdict } from "./describe-chain-verdict";
import type { ChainVerdict } from "./verify-audit-chain";

const intact: ChainVerdict = {
  intact: true,
  entries: 12,
  firstBroken: null,
  legacyEntries: 0,
  unchecked: [],
  anchor: {
    key: "audit-anchors/t/0000000012.json",
    seq: 12,
    hash: "ab".repeat(32),
    time: "2026-11-24T10:00:00.000Z",
  },
  truncation: null,
  anchorProblem: null,
};

describe("describeChainVerdict", () => {
  it("says an intact chain is intact, and that its head matches the newest anchor", () => {
    expect(describeChainVerdict(intact)).toEqual({
      tone: "success",
      headline: "The chain is intact: all 12 entries verified.",
      notes: [
        "Its head matches the newest anchor outside the database (entry 12, written 2026-11-24T10:00:00.000Z).",
      ],
    });
    expect(describeChainVerdict({ ...intact, anchor: null }).notes).toEqual([
      "The chain has no anchor outside the database yet: the worker writes one within seconds.",
    ]);
  });

  it("names the first broken entry, and a truncation found besides", () => {
    const text = describeChainVerdict({
      ...intact,
      intact: false,
      entries: 3,
      firstBroken: { id: "9", seq: 4, reason: "its link to the previous entry does not match" },
      truncation: { fromSeq: 11, toSeq: 12, message: "entries 11 to 12 are missing: …" },
    });
    expect(text.tone).toBe("error");
    expect(text.headline).toBe(
      "The chain is broken at entry #4: its link to the previous entry does not match. The 3 entries before it are intact.",
    );
    expect(text.notes).toContain("Besides, entries 11 to 12 are missing: ….");
  });

  it("does not call a chain intact when its anchors could not be read", () => {
    const text = describeChainVerdict({
      ...intact,
      intact: false,
      anchor: null,
      anchorProblem: "The evidence bucket did not list its objects (HTTP 403)",
    });
    expect(text).toMatchObject({
      tone: "error",
      headline:
        "12 entries verified, but the chain could not be compared with its anchors: the evidence bucket did not list its objects (HTTP 403).",
      notes: [],
    });
  });
});
