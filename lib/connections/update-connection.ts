import { appendAuditEntry } from "@/lib/audit/append-audit-entry";
import { tenantDb } from "@/lib/db/tenant-scope";
import type { MemberActor } from "@/lib/members/member-actor";
import { ensureConnection } from "./get-connections";
import { parseSandboxOrigin, type Environment, type ServiceName } from "./service-urls";

export async function updateConnection(
  actor: MemberActor,
  service: ServiceName,
  input: { environment: Environment; sandboxBaseUrl?: string },
): Promise<void> {
  const sandboxBaseUrl =
    input.environment === "sandbox" && input.sandboxBaseUrl ? parseSandboxOrigin(input.sandboxBaseUrl) : null;
  const connection = await ensureConnection(actor, service);
  await tenantDb(actor).$transaction(async (tx) => {
    await tx.tenantConnection.update({
      where: { id: connection.id },
      data: {
        environment: input.environment,
        ...(input.environment === "sandbox" ? { sandboxBaseUrl } : {}),
      },
    });
    await appendAuditEntry(
      {
        tenantId: actor.tenantId,
        actorId: actor.actorId,
        actorEmail: actor.actorEmail,
        action: "connection.updated",
        targetType: "connection",
        targetId: service,
        details: { from: connection.environment, to: input.environment, sandboxBaseUrl },
      },
      tx,
    );
  });
}
