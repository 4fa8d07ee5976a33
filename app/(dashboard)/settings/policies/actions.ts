"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_auth/run-action";
import { setTrustedFormApiVersion } from "@/lib/claims/v4/set-trustedform-api-version";
import { API_VERSIONS } from "@/lib/claims/v4/trustedform-api-version";
import { deleteScanPolicy } from "@/lib/claims/delete-scan-policy";
import { policyInput, saveScanPolicy } from "@/lib/claims/save-scan-policy";
import { setClaimConcurrency } from "@/lib/claims/set-claim-concurrency";
import { setClaimSendsRawContact } from "@/lib/claims/set-claim-sends-raw-contact";

export async function savePolicyAction(input: z.infer<typeof policyInput>) {
  const result = await runAction("admin", policyInput, input, async (member, data) => ({
    id: (await saveScanPolicy(member, data)).id,
  }));
  revalidatePath("/settings/policies");
  return result;
}

export async function deletePolicyAction(input: { id: string }) {
  const result = await runAction(
    "admin",
    z.object({ id: z.string().max(64) }),
    input,
    async (member, data) => {
      await deleteScanPolicy(member, data.id);
      return null;
    },
  );
  revalidatePath("/settings/policies");
  return result;
}

export async function setRawContactAction(input: { sendRawContact: boolean }) {
  const result = await runAction(
    "admin",
    z.object({ sendRawContact: z.boolean() }),
    input,
    async (member, data) => {
      await setClaimSendsRawContact(member, data.sendRawContact);
      return null;
    },
  );
  revalidatePath("/settings/policies");
  return result;
}

export async function setConcurrencyAction(input: { concurrency: number }) {
  const result = await runAction(
    "admin",
    z.object({ concurrency: z.number({ message: "Enter a number." }) }),
    input,
    async (member, data) => {
      await setClaimConcurrency(member, data.concurrency);
      return null;
    },
  );
  revalidatePath("/settings/policies");
  return result;
}

export async function setApiVersionAction(input: { version: "3.0" | "4.0" }) {
  const result = await runAction(
    "admin",
    z.object({ version: z.enum(API_VERSIONS, { message: "Choose API 3.0 or 4.0." }) }),
    input,
    async (context, data) => {
      await setTrustedFormApiVersion(context, data.version);
      return null;
    },
  );
  revalidatePath("/settings/policies");
  return result;
}
