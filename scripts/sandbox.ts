// npm run sandbox: both API simulators on their own, printing their URLs and demo credentials.
import path from "node:path";
import { readConfig } from "@/lib/config";
import { describeSandboxes, startSandboxes } from "@/sandbox/start-sandboxes";

const config = readConfig();
const running = await startSandboxes({
  dataDir: path.resolve(config.CERTDESK_DATA_DIR),
  truescreenPort: config.TRUESCREEN_SANDBOX_PORT,
  trustedformPort: config.TRUSTEDFORM_SANDBOX_PORT,
});
for (const line of describeSandboxes(running)) console.log(line);
console.log("Press Ctrl-C to stop.");

const stop = async () => {
  await running.stop();
  process.exit(0);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
