"use server";

import { z } from "zod";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { createTenantWithOwner } from "@/lib/tenants/create-tenant-with-owner";
import { actingOperator } from "../require-operator";

export type CreateTenantResult =
  | {
      ok: true;
      data: { tenantName: string; ownerEmail: string } & (
        { owner: "added" } | { owner: "invited"; inviteUrl: string }
      );
    }
  | { ok: false; error: string };

const form = z.object({ name: z.string().max(1000), ownerEmail: z.string().max(1000) });

/** Operators only: anyone else (a forged post included) gets "not found" and nothing is created. */
export async function createTenantAction(raw: unknown): Promise<CreateTenantResult> {
  const operator = await actingOperator();
  if (!operator) return { ok: false, error: "Not found." };
  const parsed = form.safeParse(raw);
  if (!parsed.success) return { ok: false, error: "Enter the tenant's name and its owner's email address." };
  try {
    const created = await createTenantWithOwner(operator, parsed.data);
    const base = { tenantName: created.tenantName, ownerEmail: created.ownerEmail };
    return {
      ok: true,
      data:
        created.owner === "invited"
          ? { ...base, owner: "invited", inviteUrl: created.inviteUrl }
          : { ...base, owner: "added" },
    };
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false, error: error.message };
    console.error(
      "[certdesk] tenant creation failed:",
      error instanceof Error ? error.name : "unknown error",
    );
    return { ok: false, error: "Something went wrong on our side. Try again in a moment." };
  }
}
