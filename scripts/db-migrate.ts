// npm run db:migrate: applies every pending prisma/migrations folder, offline (see lib/db/schema-engine.ts).
import { applyMigrations } from "@/lib/db/schema-engine";
import { openDatabase, redactUrl } from "./lib/open-database";

const database = await openDatabase();
try {
  const applied = await applyMigrations(database.url);
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s) to ${redactUrl(database.url)}: ${applied.join(", ")}`
      : `Database ${redactUrl(database.url)} is up to date.`,
  );
} finally {
  await database.embedded?.stop();
}
