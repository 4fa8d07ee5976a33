import { describe, expect, it } from "vitest";
import { artifactEtag, readByteRange } from "./byte-range";

const etag = artifactEtag("ab".repeat(32));
const read = (header: string | null, size = 1000, ifRange?: string | null) =>
  readByteRange(header, size, { etag, ifRange });

describe("readByteRange", () => {
  it("reads the three forms of one range", () => {
    expect(read("bytes=0-99")).toEqual({ kind: "part", start: 0, end: 99 });
    expect(read("bytes=900-")).toEqual({ kind: "part", start: 900, end: 999 });
    expect(read("bytes=-100")).toEqual({ kind: "part", start: 900, end: 999 });
    expect(read("bytes = 10 - 19")).toEqual({ kind: "part", start: 10, end: 19 });
  });

  it("clips a range past the end, and a suffix longer than the file", () => {
    expect(read("bytes=990-5000")).toEqual({ kind: "part", start: 990, end: 999 });
    expect(read("bytes=-5000")).toEqual({ kind: "part", start: 0, end: 999 });
  });

  it("answers 416 when no byte of the range exists", () => {
    expect(read("bytes=1000-")).toEqual({ kind: "unsatisfiable" });
    expect(read("bytes=5000-6000")).toEqual({ kind: "unsatisfiable" });
    expect(read("bytes=-0")).toEqual({ kind: "unsatisfiable" });
    expect(read("bytes=0-", 0)).toEqual({ kind: "unsatisfiable" });
  });

  it("sends the whole file for what it does not serve: no header, several ranges, other units, garbage", () => {
    for (const header of [
      null,
      "",
      "bytes=0-1,5-9",
      "items=0-9",
      "bytes=a-b",
      "bytes=-",
      "bytes=9-1",
      "bytes=0-99999999999999999999",
      "bytes=1e3-",
      "bytes=0x10-",
    ])
      expect(read(header)).toEqual({ kind: "whole" });
  });

  it("honours If-Range only when it names this artifact's tag", () => {
    expect(read("bytes=0-9", 1000, etag)).toEqual({ kind: "part", start: 0, end: 9 });
    expect(read("bytes=0-9", 1000, `"${"cd".repeat(32)}"`)).toEqual({ kind: "whole" });
    expect(read("bytes=0-9", 1000, "Sat, 05 Dec 2026 10:00:00 GMT")).toEqual({ kind: "whole" });
    expect(read("bytes=0-9", 1000, `W/${etag}`)).toEqual({ kind: "whole" });
  });
});
