// Operators run the deployment (CERTDESK_OPERATOR_EMAILS): they create tenants and their first owners. Being an
// operator grants nothing inside any tenant; that still takes a membership.
import { normalizeEmail } from "@/lib/auth/normalize-email";
import { config } from "@/lib/config";

export function isOperator(email: string | null | undefined): boolean {
  if (!email) return false;
  return config().operatorEmails.includes(normalizeEmail(email));
}
