import { fileURLToPath } from "node:url";
import { applyMigrations, assertMigrationsApplied, type Database } from "@logicore/db";
import type { Mode } from "@logicore/service";
import type { Logger } from "pino";
import { DEVELOPMENT_ADMIN_PASSWORD } from "./config.js";
import { PrismaClient } from "./generated/prisma/client.js";
import { SEED_ADMIN_EMAIL, seedUsers } from "./seed.js";

export const usersMigrationsDir = fileURLToPath(new URL("../../../prisma/users/migrations", import.meta.url));

/** Query events are emitted (not logged) so metrics and tests can observe every SQL statement. */
export function createPrismaClient(database: Database) {
  return new PrismaClient({ adapter: database.adapter, log: [{ emit: "event", level: "query" }] });
}

export type UsersPrismaClient = ReturnType<typeof createPrismaClient>;

export interface PrepareOptions {
  mode: Mode;
  /** Seeds an empty database in development; undefined skips seeding. */
  seedAdminPassword: string | undefined;
  logger: Logger;
}

/**
 * Development migrates and seeds an empty database at start, on either backend, so `pnpm start`
 * needs no set-up. Production changes nothing: a Job runs `pnpm db:migrate`, and a replica refuses
 * to serve a schema older than its code.
 */
export async function prepareUsersDatabase(
  database: Database,
  prisma: PrismaClient,
  options: PrepareOptions,
): Promise<void> {
  const { logger } = options;
  if (options.mode === "production") {
    await assertMigrationsApplied(database, usersMigrationsDir);
    return;
  }
  await applyMigrations(database, usersMigrationsDir, (message) => logger.info(message));
  if (options.seedAdminPassword === undefined || (await prisma.user.count()) > 0) return;
  await seedUsers(prisma, { mode: options.mode, adminPassword: options.seedAdminPassword, logger });
  if (options.seedAdminPassword === DEVELOPMENT_ADMIN_PASSWORD) {
    logger.warn(
      `DEVELOPMENT DEFAULT: seeded ${SEED_ADMIN_EMAIL} with the documented password ` +
        `"${DEVELOPMENT_ADMIN_PASSWORD}"; set SEED_ADMIN_PASSWORD for anything shared`,
    );
  }
}
