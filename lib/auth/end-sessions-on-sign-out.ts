// Sign-out: next-auth clears the cookie in the browser, but a copy of it (another tab's, a stolen one) would stay
// valid until it expires. Bumping the session version makes every copy worthless (lib/auth/end-sessions.ts).
import { systemDb } from "@/lib/db/client";
import { isUuid } from "@/lib/core/ids";

/**
 * Ends the user's sessions when the cookie signing out is a current one. A replayed old cookie (already
 * refused by the gate) cannot sign the user out of the sessions they started since. True when it ended them.
 */
export async function endSessionsOnSignOut(token: {
  userId: string;
  sessionVersion: number;
}): Promise<boolean> {
  if (!isUuid(token.userId) || !Number.isInteger(token.sessionVersion)) return false;
  const ended = await systemDb.$executeRaw`
    update "User" set "sessionVersion" = "sessionVersion" + 1
    where id = ${token.userId}::uuid and "sessionVersion" = ${token.sessionVersion}`;
  return ended === 1;
}
