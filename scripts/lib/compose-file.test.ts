// compose.yaml and the Dockerfile cannot be run here (no container runtime): what can be checked is that they give
// Certdesk's processes the configuration lib/config.ts reads, no misspelt variable and no missing one.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { CONFIG_NAMES } from "@/lib/config";
import { checkCompose, dockerfileEnvNames } from "./check-compose";

const compose = fs.readFileSync("compose.yaml", "utf8");

describe("compose.yaml", () => {
  it("runs the web app, the worker and the migrations with exactly the variables Certdesk reads and needs", () => {
    const { roles, problems } = checkCompose(compose);
    expect(problems).toEqual([]);
    expect(roles).toEqual({ migrate: "migrate", app: "web", worker: "worker" });
  });

  it("has PostgreSQL and an S3-compatible server, and the app's and worker's images are this Dockerfile", () => {
    const doc = parse(compose, { merge: true }) as {
      services: Record<string, { image?: string; build?: unknown; healthcheck?: { disable?: boolean } }>;
    };
    expect(doc.services.postgres?.image).toMatch(/^postgres:/);
    expect(doc.services.minio?.image).toMatch(/^minio\/minio/);
    for (const name of ["app", "worker", "migrate"]) expect(doc.services[name]?.build).toBe(".");
    // The app keeps the image's HEALTHCHECK (/api/ready); the worker has no HTTP readiness.
    expect(doc.services.app?.healthcheck).toBeUndefined();
    expect(doc.services.worker?.healthcheck?.disable).toBe(true);
  });

  it("fails on a variable lib/config.ts does not know, a required one left out, and half an S3 setting", () => {
    const typo = compose.replace("CERTDESK_METRICS_TOKEN: ${", "CERTDESK_METRIC_TOKEN: ${");
    expect(checkCompose(typo).problems).toEqual([
      "app: sets CERTDESK_METRIC_TOKEN, which lib/config.ts does not read",
      "worker: sets CERTDESK_METRIC_TOKEN, which lib/config.ts does not read",
    ]);
    const noSecret = compose.replace(/^\s+NEXTAUTH_SECRET: .*\n/m, "");
    expect(checkCompose(noSecret).problems).toEqual([
      "app: does not set NEXTAUTH_SECRET, which the web needs",
    ]);
    const emptyKeys = compose.replace(/CERTDESK_MASTER_KEYS: .*/, 'CERTDESK_MASTER_KEYS: ""');
    expect(checkCompose(emptyKeys).problems).toEqual([
      "app: does not set CERTDESK_MASTER_KEYS, which the web needs",
      "worker: does not set CERTDESK_MASTER_KEYS, which the worker needs",
    ]);
    const halfS3 = compose.replace(/^\s+EVIDENCE_S3_ENDPOINT: .*\n/m, "");
    expect(checkCompose(halfS3).problems).toEqual([
      "app: sets EVIDENCE_S3_BUCKET, EVIDENCE_S3_ACCESS_KEY_ID, EVIDENCE_S3_SECRET_ACCESS_KEY but not EVIDENCE_S3_ENDPOINT",
      "worker: sets EVIDENCE_S3_BUCKET, EVIDENCE_S3_ACCESS_KEY_ID, EVIDENCE_S3_SECRET_ACCESS_KEY but not EVIDENCE_S3_ENDPOINT",
    ]);
    const noWorker = compose.replace('"scripts/worker.ts"', '"scripts/other.ts"');
    expect(checkCompose(noWorker).problems).toEqual(["no service runs the worker"]);
  });
});

describe("Dockerfile", () => {
  const dockerfile = fs.readFileSync("Dockerfile", "utf8");

  it("sets only variables Certdesk (or Next.js's telemetry switch) reads, runs as a non-root user, checks /api/ready", () => {
    const names = dockerfileEnvNames(dockerfile);
    expect(names).toEqual(expect.arrayContaining(["NODE_ENV", "PORT", "CERTDESK_DATA_DIR"]));
    const known = new Set([...CONFIG_NAMES, "NEXT_TELEMETRY_DISABLED"]);
    expect(names.filter((name) => !known.has(name))).toEqual([]);
    const runtime = dockerfile.slice(dockerfile.lastIndexOf("\nFROM "));
    expect(runtime).toMatch(/^USER certdesk$/m);
    expect(runtime).toMatch(/HEALTHCHECK [\s\S]*\/api\/ready/);
    expect(runtime).toMatch(/^CMD \["node", "--import", "tsx", "scripts\/server\.ts"\]$/m);
    // Multi-stage: dependencies, build, runtime.
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(3);
  });
});
