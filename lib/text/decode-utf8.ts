// Text files chosen by a person are read as UTF-8 strictly: a file saved in another encoding (Latin-1 from an old
// spreadsheet, UTF-16 from "Unicode text") would otherwise be read with U+FFFD replacement characters in place of
// its accented letters, and those would be stored and sent as if they were the data. Works in the browser and Node.

export type DecodedText = { ok: true; text: string } | { ok: false; problem: string };

/** Where the first byte that is not UTF-8 is (the lead byte of a broken sequence, not the byte that broke it). */
function firstInvalidByte(bytes: Uint8Array): number {
  let valid = 0;
  let invalid = bytes.length;
  // Validity of a prefix only shrinks as it grows, so a binary search finds the first invalid byte.
  while (invalid - valid > 1) {
    const middle = Math.floor((valid + invalid) / 2);
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, middle), { stream: true });
      valid = middle;
    } catch {
      invalid = middle;
    }
  }
  // `valid` ends where the decoder gave up; a sequence it was still completing started up to 3 bytes before.
  for (let back = 1; back <= 3 && valid - back >= 0; back++) {
    const byte = bytes[valid - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    return byte >= 0xc0 ? valid - back : valid;
  }
  return valid;
}

/** Decodes UTF-8 (a byte-order mark is dropped), or says in words where and why the bytes are not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): DecodedText {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      ok: false,
      problem:
        'The file is saved as UTF-16 ("Unicode text"), not UTF-8. Save it again as "CSV UTF-8" and choose it again.',
    };
  }
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    const at = firstInvalidByte(bytes);
    let line = 1;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) line++;
    const byte = (bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, "0");
    return {
      ok: false,
      problem:
        `The file is not valid UTF-8: byte 0x${byte} on line ${line} is not UTF-8 text. It was probably saved ` +
        `as Latin-1 (ISO-8859-1 or Windows-1252), where accented letters such as "é" are single bytes. Save it ` +
        `again as "CSV UTF-8" and choose it again.`,
    };
  }
}
