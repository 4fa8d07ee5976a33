// Brings a database to this release: Prisma migrations (and the audit log's protection), then pg-boss's schema and
// Certdesk's queues. Run as the owner role, once per release (npm run db:migrate, npm start, the test set-up).
import { applyMigrations } from "@/lib/db/schema-engine";
import { installJobQueues } from "@/lib/jobs/job-queues";

export async function migrateDatabase(ownerConnectionString: string): Promise<string[]> {
  const applied = await applyMigrations(ownerConnectionString);
  await installJobQueues(ownerConnectionString);
  return applied;
}
