// Server actions share one shape: check the role, parse the input with zod, call one lib/ verb with the member's
// TenantContext, and answer { ok, data } or { ok: false, error } with words a person can act on. Unexpected errors are
// logged, not shown.
import { componentLogger, logError } from "@/lib/log/logger";
import "server-only";
import type { z } from "zod";
import type { Role } from "@/lib/auth/roles";
import type { ActionResult } from "@/lib/core/action-result";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { gateContext, type GateContext } from "./gate-context";
import { requireMember } from "./require-member";

export const SOMETHING_WENT_WRONG =
  "Something went wrong on our side. Reload the page to see what was saved, then try again; tell your admin if it keeps happening.";

export async function runAction<Schema extends z.ZodType, T>(
  role: Role,
  schema: Schema,
  input: unknown,
  run: (context: GateContext, input: z.infer<Schema>) => Promise<T>,
): Promise<ActionResult<T>> {
  const gate = await requireMember(role);
  if (!gate.ok) return { ok: false, error: gate.error };
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    return { ok: false, error: parsed.error.issues[0]?.message ?? "Check the form and try again." };
  try {
    return { ok: true, data: await run(gateContext(gate.member), parsed.data) };
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false, error: error.message };
    logFailure("action", error);
    return { ok: false, error: SOMETHING_WENT_WRONG };
  }
}

export function logFailure(what: string, error: unknown) {
  logError(componentLogger("app"), what, error);
}
