"use server";

import { z } from "zod";
import { runAction } from "@/app/_auth/run-action";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";

export async function verifyChainAction() {
  return runAction("admin", z.undefined(), undefined, (member) => verifyAuditChain(member.tenantId));
}
