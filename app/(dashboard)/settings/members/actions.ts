"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_auth/run-action";
import { ROLES } from "@/lib/auth/roles";
import { inviteMember, inviteMemberInput } from "@/lib/invitations/invite-member";
import { renewInvitationLink } from "@/lib/invitations/renew-invitation-link";
import { revokeInvitation } from "@/lib/invitations/revoke-invitation";
import { changeMemberRole } from "@/lib/members/change-member-role";
import { removeMember } from "@/lib/members/remove-member";

const membershipId = z.string().max(64);
const invitationId = z.string().max(64);

export async function inviteMemberAction(input: { email: string; role: string }) {
  const result = await runAction("admin", inviteMemberInput, input, async (member, data) => {
    const invited = await inviteMember(member, data);
    return { email: invited.email, role: invited.role, inviteUrl: invited.inviteUrl };
  });
  revalidatePath("/settings/members");
  return result;
}

export async function renewInvitationAction(input: { invitationId: string }) {
  const result = await runAction("admin", z.object({ invitationId }), input, async (member, data) => {
    const renewed = await renewInvitationLink(member, data.invitationId);
    return { inviteUrl: renewed.inviteUrl };
  });
  revalidatePath("/settings/members");
  return result;
}

export async function revokeInvitationAction(input: { invitationId: string }) {
  const result = await runAction("admin", z.object({ invitationId }), input, (member, data) =>
    revokeInvitation(member, data.invitationId),
  );
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
