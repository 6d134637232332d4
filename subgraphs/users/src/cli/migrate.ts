import { applyMigrations } from "@logicore/db";
import { createLogger } from "@logicore/service";
import { loadUsersConfig } from "../config.js";
import { usersMigrationsDir } from "../database.js";
import { openUsersDatabase } from "../openUsersDatabase.js";

// `pnpm db:migrate`: what the Kubernetes migration Job runs before a rollout.
const config = loadUsersConfig();
const logger = createLogger({ service: "users-migrate", level: config.logLevel });
const database = await openUsersDatabase(config);
try {
  logger.info(`migrating ${database.description}`);
  const applied = await applyMigrations(database, usersMigrationsDir, (message) => logger.info(message));
  logger.info(applied.length === 0 ? "no pending migrations" : `applied ${applied.length} migration(s)`);
} catch (error) {
  logger.error({ err: error }, "migration failed");
  process.exitCode = 1;
} finally {
  await database.close();
}
