// npm run user:reset-password -- <email>: prints a one-time link that sets a new password for that account (the
// demo login missed at the first start, a forgotten password). The link expires (SET_PASSWORD_LINK_HOURS), works
// once, voids older links, and ends the user's sessions when used; issuing and using it are audited.
import { issuePasswordReset } from "@/lib/auth/issue-password-reset";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { disconnectPrisma } from "@/lib/db/client";
import { openAccountDatabase } from "./lib/open-account-database";

const args = process.argv.slice(2).filter((arg) => arg !== "--");
if (args.length !== 1 || args[0]!.startsWith("-")) {
  console.error("Usage: npm run user:reset-password -- <email>");
  process.exit(2);
}

const database = await openAccountDatabase();
let exitCode = 0;
try {
  const issued = await issuePasswordReset(args[0]!, "shell");
  console.log(`One-time link to set a new password for ${issued.email}:`);
  console.log(issued.url);
  console.log(
    `It works once, until ${issued.expiresAt.toISOString()}; older links of this account stop working now. ` +
      "Using it ends every session of the account.",
  );
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
