import type { TestProject } from "vitest/node";
import { generateMasterKeyEntry } from "@/lib/secrets/master-keys";
import { createTestDatabase } from "./test-database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    masterKeys: string;
  }
}

export default async function setup(project: TestProject) {
  const database = await createTestDatabase("vitest");
  project.provide("databaseUrl", database.url);
  // One master key for the whole run: every worker seals into the same database.
  project.provide("masterKeys", process.env.CERTDESK_MASTER_KEYS ?? generateMasterKeyEntry());
  return () => database.close();
}
