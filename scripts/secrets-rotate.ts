// npm run secrets:rotate: re-seals every tenant secret under the first key of CERTDESK_MASTER_KEYS (or of
// <CERTDESK_DATA_DIR>/master.key), in the current format, which binds each secret to its environment (production or
// sandbox) as well as its tenant and purpose; secrets sealed before that are upgraded even if their key is current.
// Resumable: run it again after an interruption; it skips what is done.
import path from "node:path";
import { readConfig } from "@/lib/config";
import { disconnectPrisma } from "@/lib/db/client";
import { masterKeys } from "@/lib/secrets/master-keys";
import { resealAllSecrets } from "@/lib/secrets/reseal-all-secrets";
import { ensureMasterKeys } from "./lib/local-master-key";
import { openDatabase } from "./lib/open-database";

const config = readConfig();
ensureMasterKeys(path.resolve(config.CERTDESK_DATA_DIR));
const database = await openDatabase();
try {
  const current = masterKeys()[0]!.id;
  const report = await resealAllSecrets();
  console.log(`Current master key: ${current}`);
  console.log(
    `Secrets checked: ${report.checked}; re-sealed now: ${report.resealed}; already current (key and format): ${report.alreadyCurrent}; failed: ${report.failed.length}`,
  );
  for (const failure of report.failed) console.log(`  failed ${failure.id}: ${failure.reason}`);
  if (report.failed.length === 0)
    console.log(
      "Every secret is under the current key and bound to its environment: older keys can now be removed from CERTDESK_MASTER_KEYS.",
    );
  process.exitCode = report.failed.length === 0 ? 0 : 1;
} finally {
  await disconnectPrisma();
  await database.embedded?.stop();
}
