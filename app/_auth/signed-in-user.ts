// For the few pages a signed-in person may use before they belong to any tenant (accepting an invitation): who is
// signed in, without the tenant and role checks of require-member.ts.
import "server-only";
import { loadSessionUser } from "./require-member";

/** Null for an ended session too (signed out, role changed, removed): it must not accept invitations. */
export async function signedInUser(): Promise<{ id: string; email: string } | null> {
  const user = await loadSessionUser();
  return user ? { id: user.id, email: user.email } : null;
}
