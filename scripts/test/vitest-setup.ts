import { afterAll, inject } from "vitest";
import { disconnectPrisma } from "@/lib/db/client";

process.env.DATABASE_URL = inject("databaseUrl");

afterAll(async () => {
  await disconnectPrisma();
});
