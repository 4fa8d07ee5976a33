"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_auth/run-action";
import { setAuditHeadCertify } from "@/lib/audit/set-audit-head-certify";
import { describeChainVerdict } from "@/lib/audit/describe-chain-verdict";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";

export async function verifyChainAction() {
  return runAction("admin", z.undefined(), undefined, async (context) =>
    describeChainVerdict(await verifyAuditChain(context.tenantId)),
  );
}

export async function setAuditHeadCertifyAction(input: { enabled: boolean }) {
  return runAction("admin", z.object({ enabled: z.boolean() }), input, async (context, { enabled }) => {
    await setAuditHeadCertify(context, enabled);
    revalidatePath("/settings/audit");
    return null;
  });
}
