import { runMigrateCommand } from "@logicore/db";
import { createLogger, databaseOptionsOf } from "@logicore/service";
import { loadUsersConfig } from "../config.js";
import { usersMigrationsDir } from "../database.js";

const config = loadUsersConfig();
await runMigrateCommand({
  database: databaseOptionsOf(config),
  migrationsDir: usersMigrationsDir,
  logger: createLogger({ service: "users-migrate", level: config.logLevel, format: config.logFormat }),
});
