// The one Prisma client of a process. Tenant data is reached through a TenantContext (lib/core/tenant-context.ts);
// systemDb is for the few cross-tenant operations (sign-in, seeding, the audit chain, finding due jobs), and lint
// lets only an allow-list of system modules import it (eslint.config.mjs, lib/tenancy/tenancy-fence.test.ts).
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { config } from "@/lib/config";

function databaseUrl(): string {
  const url = config().DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Start Certdesk with `npm start`, which provides one, or set it yourself.",
    );
  }
  return url;
}

const globalForPrisma = globalThis as unknown as { certdeskPrisma?: PrismaClient };

function createClient(): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl(), max: 10 }) });
}

/** Lazily created so that importing this module (for example during `next build`) needs no database. */
export function getPrisma(): PrismaClient {
  globalForPrisma.certdeskPrisma ??= createClient();
  return globalForPrisma.certdeskPrisma;
}

export async function disconnectPrisma(): Promise<void> {
  await globalForPrisma.certdeskPrisma?.$disconnect();
  globalForPrisma.certdeskPrisma = undefined;
}

export const systemDb = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getPrisma();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

export type { TransactionClient } from "@/generated/prisma/internal/prismaNamespace";
