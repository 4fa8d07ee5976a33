// `npm start` builds only when needed: when no build exists, or when the sources it was built from changed.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "next.config.mjs",
  "proxy.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
  "prisma/schema.prisma",
];

function walk(entry: string, files: string[]) {
  if (!fs.existsSync(entry)) return;
  const stat = fs.statSync(entry);
  if (stat.isDirectory()) {
    for (const child of fs.readdirSync(entry).sort()) walk(path.join(entry, child), files);
  } else if (!/\.test\.tsx?$/.test(entry)) {
    files.push(entry);
  }
}

export function sourceFingerprint(root = process.cwd()): string {
  const files: string[] = [];
  for (const input of INPUTS) walk(path.join(root, input), files);
  const hash = crypto.createHash("sha256");
  for (const file of files)
    hash.update(path.relative(root, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  return hash.digest("hex");
}

const MARKER = path.join(".next", "certdesk-source.sha256");

export function buildIsCurrent(root = process.cwd()): boolean {
  const marker = path.join(root, MARKER);
  return (
    fs.existsSync(path.join(root, ".next", "BUILD_ID")) &&
    fs.existsSync(marker) &&
    fs.readFileSync(marker, "utf8").trim() === sourceFingerprint(root)
  );
}

export function recordBuild(root = process.cwd()): void {
  fs.writeFileSync(path.join(root, MARKER), sourceFingerprint(root) + "\n");
}
