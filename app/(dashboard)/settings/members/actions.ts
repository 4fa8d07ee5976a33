"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_auth/run-action";
import { ROLES } from "@/lib/auth/roles";
import { addMember, addMemberInput } from "@/lib/members/add-member";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { reissueSetPasswordLink } from "@/lib/members/reissue-set-password-link";
import { removeMember } from "@/lib/members/remove-member";

const membershipId = z.string().max(64);

export async function addMemberAction(input: { email: string; role: string }) {
  const result = await runAction("admin", addMemberInput, input, (member, data) => addMember(member, data));
  revalidatePath("/settings/members");
  return result;
}

export async function changeMemberRoleAction(input: { membershipId: string; role: string }) {
  const schema = z.object({ membershipId, role: z.enum(ROLES, { message: "Choose a role." }) });
  const result = await runAction("admin", schema, input, (member, data) =>
    changeMemberRole(member, data.membershipId, data.role),
  );
  revalidatePath("/settings/members");
  return result;
}

export async function removeMemberAction(input: { membershipId: string }) {
  const result = await runAction("admin", z.object({ membershipId }), input, (member, data) =>
    removeMember(member, data.membershipId),
  );
  revalidatePath("/settings/members");
  return result;
}

export async function reissueLinkAction(input: { membershipId: string }) {
  return runAction("admin", z.object({ membershipId }), input, (member, data) =>
    reissueSetPasswordLink(member, data.membershipId),
  );
}
