import { runMigrateCommand } from "@logicore/db";
import { createLogger, databaseOptionsOf } from "@logicore/service";
import { loadOrdersConfig } from "../config.js";
import { ordersMigrationsDir } from "../database.js";

const config = loadOrdersConfig();
await runMigrateCommand({
  database: databaseOptionsOf(config),
  migrationsDir: ordersMigrationsDir,
  logger: createLogger({ service: "orders-migrate", level: config.logLevel, format: config.logFormat }),
});
