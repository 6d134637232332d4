import { openDatabase } from "@logicore/db";
import { ConfigError, createLogger, databaseOptionsOf } from "@logicore/service";
import { DEVELOPMENT_ADMIN_PASSWORD, loadUsersConfig } from "../config.js";
import { createPrismaClient } from "../database.js";
import { seedUsers } from "../seed.js";

// `pnpm db:seed`: safe to repeat; in production it needs an explicit, non-default admin password.
const config = loadUsersConfig();
const logger = createLogger({ service: "users-seed", level: config.logLevel, format: config.logFormat });
const password = config.seedAdminPassword;
if (config.mode === "production" && (password === undefined || password === DEVELOPMENT_ADMIN_PASSWORD)) {
  logger.error(
    new ConfigError("SEED_ADMIN_PASSWORD must be set to a strong password of your own to seed in production"),
  );
  process.exit(1);
}
const database = await openDatabase(databaseOptionsOf(config));
const prisma = createPrismaClient(database);
try {
  await seedUsers(prisma, {
    mode: config.mode,
    adminPassword: password ?? DEVELOPMENT_ADMIN_PASSWORD,
    logger,
  });
} catch (error) {
  logger.error({ err: error }, "seed failed");
  process.exitCode = 1;
} finally {
  await prisma.$disconnect();
  await database.close();
}
