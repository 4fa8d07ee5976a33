// For the few pages a signed-in person may use before they belong to any tenant (accepting an invitation): who is
// signed in, without the tenant and role checks of require-member.ts.
import "server-only";
import { getServerSession } from "next-auth";
import { authOptions } from "@/lib/auth/auth-options";
import { systemDb } from "@/lib/db/client";

export async function signedInUser(): Promise<{ id: string; email: string } | null> {
  const session = await getServerSession(authOptions());
  const userId = (session?.user as { id?: string } | undefined)?.id;
  if (!userId) return null;
  return systemDb.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
}
