// The operator gate: a signed-in user (session not ended) whose address is in CERTDESK_OPERATOR_EMAILS. Everyone
// else, tenant owners included, finds nothing here: pages answer 404 and actions "not found".
import "server-only";
import { notFound, redirect } from "next/navigation";
import { loadSessionUser } from "@/app/_auth/require-member";
import { isOperator } from "@/lib/operators/is-operator";
import type { TenantCreator } from "@/lib/operators/operator";

export type Operator = Extract<TenantCreator, { kind: "operator" }>;

/** For pages: the operator, a redirect to sign in, or a 404. */
export async function requirePageOperator(path: string): Promise<Operator> {
  const user = await loadSessionUser();
  if (!user) redirect(`/login?next=${encodeURIComponent(path)}`);
  if (!isOperator(user.email)) notFound();
  return { kind: "operator", userId: user.id, email: user.email };
}

/** For server actions: the operator, or null (answered as "not found", whatever the reason). */
export async function actingOperator(): Promise<Operator | null> {
  const user = await loadSessionUser();
  if (!user || !isOperator(user.email)) return null;
  return { kind: "operator", userId: user.id, email: user.email };
}
