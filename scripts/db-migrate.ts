// npm run db:migrate: applies every pending prisma/migrations folder, offline (see lib/db/schema-engine.ts), and
// pg-boss's schema, as the database owner (DATABASE_OWNER_URL, or DATABASE_URL when it is unset).
import { migrateDatabase } from "@/lib/setup/migrate-database";
import { openDatabase, redactUrl } from "./lib/open-database";

const database = await openDatabase();
try {
  const applied = await migrateDatabase(database.ownerUrl);
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s) to ${redactUrl(database.ownerUrl)}: ${applied.join(", ")}`
      : `Database ${redactUrl(database.ownerUrl)} is up to date.`,
  );
} finally {
  await database.embedded?.stop();
}
