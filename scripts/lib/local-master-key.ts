// For the embedded default: when CERTDESK_MASTER_KEYS is not set, the master key lives in
// <CERTDESK_DATA_DIR>/master.key (mode 0600), generated on first use. Rotate by putting a new entry first
// (comma-separated), then `npm run secrets:rotate`, then removing the old entry.
import fs from "node:fs";
import path from "node:path";
import { generateMasterKeyEntry } from "@/lib/secrets/master-keys";

export function ensureMasterKeys(dataDir: string): "environment" | "file" | "generated" {
  if (process.env.CERTDESK_MASTER_KEYS?.trim()) return "environment";
  const file = path.join(dataDir, "master.key");
  let source: "file" | "generated" = "file";
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, generateMasterKeyEntry() + "\n", { mode: 0o600 });
    source = "generated";
  }
  process.env.CERTDESK_MASTER_KEYS = fs.readFileSync(file, "utf8").trim();
  return source;
}
