// Starts both simulators with their demo credentials (created once, kept in the data folder). Used by
// `npm run sandbox` and by `npm start`.
import path from "node:path";
import { TrueScreenSandbox, type ApiKey } from "./truescreen/truescreen-sandbox";
import { TrustedFormSandbox, type Account } from "./trustedform/trustedform-sandbox";

export interface RunningSandboxes {
  truescreen: TrueScreenSandbox;
  trustedform: TrustedFormSandbox;
  demoKey: ApiKey;
  demoAccount: Account;
  stop(): Promise<void>;
}

export async function startSandboxes(options: {
  dataDir: string;
  truescreenPort: number;
  trustedformPort: number;
  processingMs?: number;
}): Promise<RunningSandboxes> {
  const dataDir = path.join(options.dataDir, "sandbox");
  const truescreen = new TrueScreenSandbox({
    dataDir,
    port: options.truescreenPort,
    processingMs: options.processingMs,
  });
  const trustedform = new TrustedFormSandbox({ dataDir, port: options.trustedformPort });
  await truescreen.start();
  await trustedform.start();
  const demoKey =
    truescreen.listKeys().find((key) => key.label === "demo") ??
    truescreen.createKey({ label: "demo", credits: 500 });
  const demoAccount =
    trustedform.listAccounts().find((account) => account.label === "demo") ??
    trustedform.createAccount({ label: "demo", balance: 500 });
  return {
    truescreen,
    trustedform,
    demoKey,
    demoAccount,
    stop: async () => {
      await Promise.all([truescreen.stop(), trustedform.stop()]);
    },
  };
}

export function describeSandboxes(running: RunningSandboxes): string[] {
  return [
    `TrueScreen sandbox:  ${running.truescreen.baseUrl}  (API: ${running.truescreen.baseUrl}/v1)`,
    `  demo API key:          ${running.demoKey.api_key}  (${running.demoKey.credits} credits)`,
    `  webhook signing secret: ${running.demoKey.webhook_secret}`,
    `TrustedForm sandbox: ${running.trustedform.baseUrl}  (sample lead form: ${running.trustedform.baseUrl}/demo-form)`,
    `  demo API key:          ${running.demoAccount.api_key}  (balance ${running.demoAccount.balance} claims)`,
  ];
}
