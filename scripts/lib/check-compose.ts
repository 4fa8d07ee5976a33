// Checks compose.yaml's Certdesk services against lib/config.ts: every variable they set must be one Certdesk reads
// (a typo would be silently ignored in production), every variable their process requires must be set, and the S3
// evidence variables come all together or not at all. Services are known by the script their command runs.
import { parse } from "yaml";
import { CONFIG_NAMES, DEPLOYMENT_REQUIRED_NAMES, EVIDENCE_S3_NAMES } from "@/lib/config";

export type CertdeskRole = keyof typeof DEPLOYMENT_REQUIRED_NAMES;

const SCRIPTS: Record<string, CertdeskRole> = {
  "scripts/server.ts": "web",
  "scripts/worker.ts": "worker",
  "scripts/db-migrate.ts": "migrate",
};

interface ComposeService {
  command?: string | string[];
  environment?: Record<string, unknown> | string[];
}

function roleOf(service: ComposeService): CertdeskRole | null {
  const command = Array.isArray(service.command) ? service.command.join(" ") : (service.command ?? "");
  for (const [script, role] of Object.entries(SCRIPTS)) if (command.includes(script)) return role;
  return null;
}

function environmentOf(service: ComposeService): Map<string, string> {
  const env = new Map<string, string>();
  if (Array.isArray(service.environment)) {
    for (const entry of service.environment) {
      const [name, ...value] = String(entry).split("=");
      env.set(name!, value.join("="));
    }
  } else if (service.environment) {
    for (const [name, value] of Object.entries(service.environment))
      env.set(name, value == null ? "" : String(value));
  }
  return env;
}

export interface ComposeCheck {
  roles: Record<string, CertdeskRole>;
  problems: string[];
}

export function checkCompose(text: string): ComposeCheck {
  const doc = parse(text, { merge: true }) as { services?: Record<string, ComposeService> };
  const known = new Set(CONFIG_NAMES);
  const problems: string[] = [];
  const roles: Record<string, CertdeskRole> = {};
  for (const [name, service] of Object.entries(doc.services ?? {})) {
    const role = roleOf(service);
    if (!role) continue;
    roles[name] = role;
    const env = environmentOf(service);
    for (const variable of env.keys())
      if (!known.has(variable)) problems.push(`${name}: sets ${variable}, which lib/config.ts does not read`);
    for (const variable of DEPLOYMENT_REQUIRED_NAMES[role])
      if (!env.get(variable)?.trim())
        problems.push(`${name}: does not set ${variable}, which the ${role} needs`);
    const s3 = EVIDENCE_S3_NAMES.filter((variable) => env.get(variable)?.trim());
    if (s3.length > 0 && s3.length < EVIDENCE_S3_NAMES.length)
      problems.push(
        `${name}: sets ${s3.join(", ")} but not ${EVIDENCE_S3_NAMES.filter((v) => !s3.includes(v)).join(", ")}`,
      );
  }
  for (const role of ["web", "worker"] as const)
    if (!Object.values(roles).includes(role)) problems.push(`no service runs the ${role}`);
  return { roles, problems };
}

/** The names a Dockerfile's ENV instructions set (ENV A=1 B=2, with line continuations). */
export function dockerfileEnvNames(text: string): string[] {
  const joined = text.replace(/\\\r?\n/g, " ");
  const names: string[] = [];
  for (const line of joined.split(/\r?\n/)) {
    const match = /^\s*ENV\s+(.*)$/i.exec(line);
    if (!match) continue;
    for (const pair of match[1]!.trim().split(/\s+/)) {
      const name = pair.split("=")[0];
      if (name) names.push(name);
    }
  }
  return names;
}
