// Sessions are signed JWT cookies that nothing on the server can revoke one by one. Each carries the user's
// sessionVersion from the moment of sign-in, and the gate (app/_auth/require-member.ts) refuses any whose version
// is not the current one; bumping the version therefore ends every session of that user at once.
import type { TransactionClient } from "@/lib/db/client";

/**
 * Anything that can run raw SQL: the system client, its transactions, and the tenant-scoped transactions of
 * lib/members. Raw SQL because User is not tenant data and the scoped client refuses model queries on it; this
 * way the bump commits (or rolls back) with the change that caused it.
 */
export type SqlRunner = Pick<TransactionClient, "$executeRaw">;

/** Ends every session of the user: call it in the same transaction as a password, role or membership change. */
export async function endUserSessions(tx: SqlRunner, userId: string): Promise<void> {
  await tx.$executeRaw`update "User" set "sessionVersion" = "sessionVersion" + 1 where id = ${userId}::uuid`;
}
