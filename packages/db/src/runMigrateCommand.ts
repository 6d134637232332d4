import { applyMigrations } from "./migrations.js";
import { type DatabaseOptions, openDatabase } from "./openDatabase.js";

export interface MigrateCommandOptions {
  database: DatabaseOptions;
  migrationsDir: string;
  logger: { info(message: string): void; error(details: object, message: string): void };
}

/**
 * `pnpm db:migrate` for any subgraph (what the Kubernetes migration Job runs before a rollout).
 * Sets a failing exit code instead of throwing, so the database is always closed first.
 */
export async function runMigrateCommand(options: MigrateCommandOptions): Promise<void> {
  const { logger } = options;
  const database = await openDatabase(options.database);
  try {
    logger.info(`migrating ${database.description}`);
    const applied = await applyMigrations(database, options.migrationsDir, (message) => logger.info(message));
    logger.info(applied.length === 0 ? "no pending migrations" : `applied ${applied.length} migration(s)`);
  } catch (error) {
    logger.error({ err: error }, "migration failed");
    process.exitCode = 1;
  } finally {
    await database.close();
  }
}
