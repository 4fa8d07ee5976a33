// Which bytes of an archived artifact a download asks for (RFC 9110 §14): one range of the `bytes` unit, so a
// browser or `curl -C -` can resume a large video where it stopped. Several ranges, another unit or a malformed
// header are ignored (the whole file is sent, as the RFC allows); an If-Range naming another version sends the whole
// file too. The entity tag is the artifact's recorded SHA-256, which never changes for a stored object.

export type RangeAnswer =
  | { kind: "whole" }
  | { kind: "part"; start: number; end: number }
  /** 416: no byte of the range exists (answer with `Content-Range: bytes *\/size`). */
  | { kind: "unsatisfiable" };

const SINGLE = /^bytes=(\d*)-(\d*)$/;

/** The strong entity tag of an artifact: its SHA-256 in quotes. */
export function artifactEtag(sha256: string): string {
  return `"${sha256}"`;
}

export function readByteRange(
  header: string | null,
  size: number,
  options: { ifRange?: string | null; etag: string },
): RangeAnswer {
  if (!header) return { kind: "whole" };
  // If-Range with a date or another tag: the client holds another version, so it gets the whole file.
  if (options.ifRange != null && options.ifRange.trim() !== options.etag) return { kind: "whole" };
  const match = SINGLE.exec(header.trim().replace(/\s+/g, ""));
  if (!match) return { kind: "whole" };
  const [, first, last] = match;
  if (first === "" && last === "") return { kind: "whole" };
  // Digits beyond what a file size can be are malformed, not a huge range.
  if ((first?.length ?? 0) > 15 || (last?.length ?? 0) > 15) return { kind: "whole" };
  if (first === "") {
    // "-n": the last n bytes.
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "part", start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== "" && Number(last) < start) return { kind: "whole" };
  if (start >= size) return { kind: "unsatisfiable" };
  const end = last === "" ? size - 1 : Number(last);
  return { kind: "part", start, end: Math.min(end, size - 1) };
}
