"use server";

import { z } from "zod";
import { runAction } from "@/app/_auth/run-action";
import { describeChainVerdict } from "@/lib/audit/describe-chain-verdict";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";

export async function verifyChainAction() {
  return runAction("admin", z.undefined(), undefined, async (member) =>
    describeChainVerdict(await verifyAuditChain(member.tenantId)),
  );
}
