"use server";

// Every answer here is words and metadata only: no action ever returns a key, a secret or a piece of one.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction } from "@/app/_auth/run-action";
import { testConnection } from "@/lib/connections/test-connection";
import { updateConnection } from "@/lib/connections/update-connection";
import { removeTenantSecret } from "@/lib/connections/remove-tenant-secret";
import { saveTenantSecret } from "@/lib/connections/save-tenant-secret";
import { SECRET_PURPOSES } from "@/lib/secrets/tenant-secret";

const service = z.enum(["truescreen", "trustedform"]);
const purpose = z.enum(SECRET_PURPOSES);
const environment = z.enum(["production", "sandbox"]);

const secretInput = z
  .object({
    purpose,
    environment,
    value: z.string().trim().min(8, "That is too short to be an API key: paste the whole key.").max(500),
  })
  .refine(
    (input) =>
      input.purpose !== "truescreen.webhook_secret" || /^whsec_[A-Za-z0-9+/=]{16,}$/.test(input.value),
    {
      message: "A TrueScreen webhook signing secret starts with whsec_ followed by base64 characters.",
    },
  )
  .refine((input) => !/\s/.test(input.value), {
    message: "An API key has no spaces: paste it again without spaces or line breaks.",
  });

export async function saveSecretAction(input: { purpose: string; value: string; environment: string }) {
  const result = await runAction("admin", secretInput, input, async (member, data) => {
    const { replaced } = await saveTenantSecret(member, data.purpose, data.value, data.environment);
    return { replaced };
  });
  revalidatePath("/settings/connections");
  return result;
}

export async function removeSecretAction(input: { purpose: string; environment: string }) {
  const result = await runAction(
    "admin",
    z.object({ purpose, environment }),
    input,
    async (member, data) => ({
      removed: await removeTenantSecret(member, data.purpose, data.environment),
    }),
  );
  revalidatePath("/settings/connections");
  return result;
}

export async function updateConnectionAction(input: {
  service: string;
  environment: string;
  sandboxBaseUrl?: string;
}) {
  const schema = z.object({
    service,
    environment,
    // Checked against the deployment's list in lib (exact match): a forged value is refused there.
    sandboxBaseUrl: z.string().max(300).optional(),
  });
  const result = await runAction("admin", schema, input, async (member, data) => {
    await updateConnection(member, data.service, {
      environment: data.environment,
      sandboxBaseUrl: data.sandboxBaseUrl,
    });
    return null;
  });
  revalidatePath("/settings/connections");
  return result;
}

export async function testConnectionAction(input: { service: string }) {
  return runAction("admin", z.object({ service }), input, (member, data) =>
    testConnection(member, data.service),
  );
}
