// The server half of a session: the JWT cookie says who signed in and with which session version; the user row
// says whether that version is still the current one (lib/auth/end-sessions.ts). A cookie from before a
// sign-out, a password change, a role change or a removal finds no user here.
import { systemDb } from "@/lib/db/client";
import { isUuid } from "@/lib/core/ids";

export interface SessionClaims {
  userId: string;
  /** Absent in cookies issued before session versions existed: those are refused too. */
  sessionVersion: number | undefined;
}

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
}

/** The signed-in user, or null when the session was ended (or the user is gone). */
export async function findSessionUser(claims: SessionClaims): Promise<SessionUser | null> {
  if (!isUuid(claims.userId) || typeof claims.sessionVersion !== "number") return null;
  const user = await systemDb.user.findUnique({
    where: { id: claims.userId },
    select: { id: true, email: true, name: true, sessionVersion: true },
  });
  if (!user || user.sessionVersion !== claims.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name };
}
