import { defineConfig } from "prisma/config";

// DATABASE_URL may be unset (embedded default): env() would throw, so read it leniently.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
