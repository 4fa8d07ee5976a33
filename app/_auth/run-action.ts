// Server actions share one shape: check the role, parse the input with zod, call lib/, and answer
// { ok, data } or { ok: false, error } with words a person can act on. Unexpected errors are logged, not shown.
import "server-only";
import type { z } from "zod";
import type { Role } from "@/lib/auth/roles";
import { UserFacingError } from "@/lib/user-facing-error";
import { requireMember, type ActionResult, type Member } from "./require-member";

export async function runAction<Schema extends z.ZodType, T>(
  role: Role,
  schema: Schema,
  input: unknown,
  run: (member: Member, input: z.infer<Schema>) => Promise<T>,
): Promise<ActionResult<T>> {
  const gate = await requireMember(role);
  if (!gate.ok) return { ok: false, error: gate.error };
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    return { ok: false, error: parsed.error.issues[0]?.message ?? "Check the form and try again." };
  try {
    return { ok: true, data: await run(gate.member, parsed.data) };
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false, error: error.message };
    console.error(
      "[certdesk] action failed:",
      error instanceof Error ? error.name : "unknown error",
      error instanceof Error ? error.message : "",
    );
    return {
      ok: false,
      error:
        "Something went wrong on our side. Reload the page to see what was saved, then try again; tell your admin if it keeps happening.",
    };
  }
}
