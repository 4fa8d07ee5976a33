import { afterAll, inject } from "vitest";
import { disconnectPrisma } from "@/lib/db/client";

process.env.DATABASE_URL = inject("databaseUrl");
process.env.CERTDESK_MASTER_KEYS = inject("masterKeys");

afterAll(async () => {
  await disconnectPrisma();
});
