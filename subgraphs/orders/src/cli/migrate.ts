import { applyMigrations } from "@logicore/db";
import { createLogger } from "@logicore/service";
import { loadOrdersConfig } from "../config.js";
import { ordersMigrationsDir } from "../database.js";
import { openOrdersDatabase } from "../openOrdersDatabase.js";

// `pnpm db:migrate`: what the Kubernetes migration Job runs before a rollout.
const config = loadOrdersConfig();
const logger = createLogger({ service: "orders-migrate", level: config.logLevel });
const database = await openOrdersDatabase(config);
try {
  logger.info(`migrating ${database.description}`);
  const applied = await applyMigrations(database, ordersMigrationsDir, (message) => logger.info(message));
  logger.info(applied.length === 0 ? "no pending migrations" : `applied ${applied.length} migration(s)`);
} catch (error) {
  logger.error({ err: error }, "migration failed");
  process.exitCode = 1;
} finally {
  await database.close();
}
