// Pasted SHA-256 digests, for files that are not at hand: one per line, either as `sha256sum` prints them
// (`<hex>  <name>`, or `<hex> *<name>` in binary mode) or as `<name>,<hex>`. Used by the browser (to show each bad
// line before anything is sent) and by the server action (which never trusts the browser's parse).
import { MAX_FILES } from "./certification-input";

export interface DigestLine {
  name: string;
  sha256: string;
  line: number;
}

export interface DigestParse {
  files: DigestLine[];
  errors: Array<{ line: number; message: string }>;
}

const HEX64 = /^[0-9a-fA-F]{64}$/;
/** C0 and C1 controls, DEL, and the bidi controls that make a name display in another order than it is stored. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g;
const MAX_NAME = 255;
/** Lines read at most: a paste far over the file limit is refused without parsing megabytes of it. */
const MAX_LINES = MAX_FILES * 10;

/** A name a person can file: controls removed, spaces trimmed, at most 255 characters. */
export function sanitiseDigestName(name: string): string {
  return name.replace(UNSAFE, "").trim().slice(0, MAX_NAME).trim();
}

function splitLine(line: string): { hex: string; name: string } | null {
  // `<name>,<hex>` when the line ends in a digest after a comma (names may hold spaces, even hex-looking words).
  const comma = line.lastIndexOf(",");
  if (comma >= 0 && HEX64.test(line.slice(comma + 1).trim()))
    return { hex: line.slice(comma + 1).trim(), name: line.slice(0, comma) };
  // sha256sum: the digest, one space, then a space (text) or '*' (binary), then the name ('\' first when the name
  // was escaped).
  const first = /^\\?(\S+)(?:\s[ *]?(.*))?$/.exec(line);
  const token = first?.[1] ?? "";
  if (/^[0-9a-fA-F]+$/.test(token)) return { hex: token, name: first?.[2] ?? "" };
  if (comma >= 0) return { hex: line.slice(comma + 1).trim(), name: line.slice(0, comma) };
  // A digest-length first word with a stray character: say what is wrong with the digest.
  if (token.length >= 32) return { hex: token, name: first?.[2] ?? "" };
  return null;
}

export function parseDigestLines(text: string): DigestParse {
  const files: DigestLine[] = [];
  const errors: DigestParse["errors"] = [];
  const seen = new Map<string, number>();
  const lines = text.split(/\r\n|\n|\r/);
  if (lines.length > MAX_LINES) {
    return {
      files: [],
      errors: [
        {
          line: MAX_LINES + 1,
          message: `Paste at most ${MAX_FILES} digests (this has ${lines.length} lines).`,
        },
      ],
    };
  }
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (!trimmed || trimmed.startsWith("#")) return;
    const parts = splitLine(trimmed);
    if (!parts) {
      errors.push({ line, message: "Write `<sha256>  <name>` or `<name>,<sha256>`." });
      return;
    }
    if (!HEX64.test(parts.hex)) {
      errors.push({
        line,
        message: /^[0-9a-fA-F]*$/.test(parts.hex)
          ? `A SHA-256 digest has 64 hexadecimal characters; this one has ${parts.hex.length}.`
          : "The digest has characters that are not hexadecimal (0-9, a-f).",
      });
      return;
    }
    const sha256 = parts.hex.toLowerCase();
    const name = sanitiseDigestName(parts.name);
    if (!name) {
      errors.push({ line, message: "Give the digest a file name." });
      return;
    }
    const first = seen.get(sha256);
    if (first !== undefined) {
      errors.push({ line, message: `The same digest as line ${first}: it would be certified twice.` });
      return;
    }
    seen.set(sha256, line);
    files.push({ name, sha256, line });
  });
  if (files.length > MAX_FILES)
    errors.push({ line: files[MAX_FILES]!.line, message: `Up to ${MAX_FILES} digests per certification.` });
  return { files, errors };
}
