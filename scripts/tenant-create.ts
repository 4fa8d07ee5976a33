// npm run tenant:create -- --name "Acme Compliance" --owner owner@acme.example: creates a tenant and its first owner,
// as an operator does on /operator/tenants. An existing account becomes the owner at once; a new address gets an
// invitation link, printed here once, that sets the owner's password and joins them. Audited in the new tenant.
import { parseArgs } from "node:util";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { disconnectPrisma } from "@/lib/db/client";
import { createTenantWithOwner } from "@/lib/tenants/create-tenant-with-owner";
import { openAccountDatabase } from "./lib/open-account-database";

const USAGE = 'Usage: npm run tenant:create -- --name "Tenant name" --owner owner@example.com';

let values: { name?: string; owner?: string };
try {
  ({ values } = parseArgs({
    args: process.argv.slice(2).filter((arg) => arg !== "--"),
    options: { name: { type: "string" }, owner: { type: "string" } },
    strict: true,
  }));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  process.exit(2);
}
if (!values.name || !values.owner) {
  console.error(USAGE);
  process.exit(2);
}

const database = await openAccountDatabase();
let exitCode = 0;
try {
  const created = await createTenantWithOwner(
    { kind: "shell" },
    { name: values.name, ownerEmail: values.owner },
  );
  console.log(`Created tenant "${created.tenantName}" (${created.tenantId}).`);
  if (created.owner === "added") {
    console.log(
      `${created.ownerEmail} already has a Certdesk account and is its owner now: they sign in as usual ` +
        "(a lost password: npm run user:reset-password -- <email>).",
    );
  } else {
    console.log(`Invitation link for the owner, ${created.ownerEmail} (hand it over; it is shown only now):`);
    console.log(created.inviteUrl);
    console.log(`It works once, until ${created.expiresAt.toISOString()}.`);
  }
} catch (error) {
  if (!(error instanceof UserFacingError)) throw error;
  console.error(error.message);
  exitCode = 1;
} finally {
  await disconnectPrisma();
  await database.stop();
}
// Explicitly: the embedded PostgreSQL's exit hook would otherwise end the process with 0.
process.exit(exitCode);
