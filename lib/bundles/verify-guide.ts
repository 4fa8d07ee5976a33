// VERIFY.md: how a third party checks an evidence bundle offline with standard tools, written for the files actually
// in the bundle (its exact commands, its signer's fingerprint), so it can be followed without Certdesk.

export function verifyGuide(bundle: { subject: string; createdAt: Date; sections: string[] }): string {
  return [
    "# How to check this evidence bundle",
    "",
    `Made by Certdesk on ${bundle.createdAt.toISOString()} for ${bundle.subject.replace(/[\r\n]+/g, " ")}.`,
    "Everything below runs offline, from the folder this bundle was unpacked into (`unzip <bundle>.zip -d bundle`).",
    "",
    "## 1. Every file is as it was bundled",
    "",
    "```sh",
    "sha256sum -c SHA256SUMS",
    "```",
    "",
    "Every line must end in `OK` (on macOS: `shasum -a 256 -c SHA256SUMS`). SHA256SUMS lists every file of the",
    "bundle but itself; `manifest.json` repeats each file's SHA-256 and size, with the SHA-256 Certdesk recorded when",
    "it archived the file (`recordedSha256`, and `matchesRecord`). A changed byte in any file makes its line FAILED.",
    "",
    "## 2. Signatures and certified hashes",
    "",
    ...(bundle.sections.length ? bundle.sections : ["Nothing in this bundle carries a signature.", ""]),
    "## 3. The audit entries",
    "",
    "Each `audit-entries.jsonl` holds the entries of the tenant's hash-chained audit log about one certification or",
    "claim, one JSON object a line, exactly as the tenant's full audit export writes them (Settings, Audit log,",
    "export as JSON lines). `seq` is the entry's position in the chain, `prev_hash` and `hash` link it to its",
    "neighbours: find the same lines in the full export, where the whole chain can be verified.",
    "",
  ].join("\n");
}
