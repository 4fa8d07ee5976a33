// Switches a connection between production and one of the deployment's sandboxes. The sandbox is chosen from the
// deployment's list (CERTDESK_SANDBOX_ORIGINS) and compared as an exact string: anything else an admin (or a forged
// request) sends is refused, so no origin a tenant typed is ever stored or called.
import type { TenantContext } from "@/lib/core/tenant-context";
import { allowedSandboxOrigins, isAllowedSandboxOrigin } from "@/lib/outbound/allowed-sandbox-origins";
import { UserFacingError } from "@/lib/core/user-facing-error";
import { ensureConnection } from "./ensure-connection";
import { defaultSandboxOrigin, type Environment, type ServiceName } from "./service-urls";

export async function updateConnection(
  context: TenantContext,
  service: ServiceName,
  input: { environment: Environment; sandboxBaseUrl?: string },
): Promise<void> {
  let sandboxBaseUrl: string | null = null;
  if (input.environment === "sandbox") {
    const chosen = input.sandboxBaseUrl ?? defaultSandboxOrigin(service);
    if (allowedSandboxOrigins().length === 0)
      throw new UserFacingError("This deployment allows no sandbox: use production.");
    if (!chosen || !isAllowedSandboxOrigin(chosen))
      throw new UserFacingError(
        "Choose one of the sandboxes this deployment allows. Sandbox addresses are set by the deployment (CERTDESK_SANDBOX_ORIGINS), not typed in.",
      );
    sandboxBaseUrl = chosen;
  }
  const connection = await ensureConnection(context, service);
  await context.transaction(async (tx) => {
    await tx.db.tenantConnection.update({
      where: { id: connection.id },
      data: {
        environment: input.environment,
        ...(input.environment === "sandbox" ? { sandboxBaseUrl } : {}),
      },
    });
    await tx.audit(
      "connection.updated",
      { type: "connection", id: service },
      { from: connection.environment, to: input.environment, sandboxBaseUrl },
    );
  });
}
