// Tests start their sandboxes on random ports; a deployment names its sandboxes in CERTDESK_SANDBOX_ORIGINS. This
// puts a test file's own sandboxes on that list, as an operator would, and nothing else.
import { reloadConfig } from "@/lib/config";

export function allowSandboxOrigins(...origins: string[]): void {
  const current = (process.env.CERTDESK_SANDBOX_ORIGINS ?? "").split(",").filter(Boolean);
  process.env.CERTDESK_SANDBOX_ORIGINS = [...new Set([...current, ...origins])].join(",");
  reloadConfig();
}
