import { afterAll, expect, inject } from "vitest";
import { disconnectPrisma } from "@/lib/db/client";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.CERTDESK_MASTER_KEYS = inject("masterKeys");

// node-postgres warns when client.query() is called while the same client still runs a query (pg 9 refuses it):
// whatever does so, code or test, fails the test file it runs in.
const overlappingQueries: string[] = [];
const onWarning = (warning: Error) => {
  if (warning.name === "DeprecationWarning" && warning.message.includes("already executing a query"))
    overlappingQueries.push(warning.message);
};
process.on("warning", onWarning);

afterAll(async () => {
  await disconnectPrisma();
  process.off("warning", onWarning);
  expect(overlappingQueries, "a pg client was sent a query while it was still running one").toEqual([]);
});
