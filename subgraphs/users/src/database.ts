import { fileURLToPath } from "node:url";
import { type Database, prepareDatabase } from "@logicore/db";
import type { Mode } from "@logicore/service";
import type { Logger } from "pino";
import { DEVELOPMENT_ADMIN_PASSWORD } from "./config.js";
import { Prisma, PrismaClient } from "./generated/prisma/client.js";
import { SEED_ADMIN_EMAIL, seedUsers } from "./seed.js";

export const usersMigrationsDir = fileURLToPath(new URL("../../../prisma/users/migrations", import.meta.url));

/** Query events are emitted (not logged) so metrics and tests can observe every SQL statement. */
export function createPrismaClient(database: Database) {
  return new PrismaClient({ adapter: database.adapter, log: [{ emit: "event", level: "query" }] });
}

/** Table names for SQL metrics labels: the schema maps no model to another table name. */
export const usersTables: readonly string[] = Object.values(Prisma.ModelName);

export type UsersPrismaClient = ReturnType<typeof createPrismaClient>;

export interface PrepareOptions {
  mode: Mode;
  /** Seeds an empty database in development; undefined skips seeding. */
  seedAdminPassword: string | undefined;
  logger: Logger;
}

/** Migrates and seeds an empty database in development; checks migrations in production. */
export function prepareUsersDatabase(database: Database, prisma: PrismaClient, options: PrepareOptions) {
  const { logger, seedAdminPassword } = options;
  return prepareDatabase(database, {
    migrationsDir: usersMigrationsDir,
    mode: options.mode,
    log: (message) => logger.info(message),
    seed: async () => {
      if (seedAdminPassword === undefined || (await prisma.user.count()) > 0) return;
      await seedUsers(prisma, { mode: options.mode, adminPassword: seedAdminPassword, logger });
      if (seedAdminPassword === DEVELOPMENT_ADMIN_PASSWORD) {
        logger.warn(
          `DEVELOPMENT DEFAULT: seeded ${SEED_ADMIN_EMAIL} with the documented password ` +
            `"${DEVELOPMENT_ADMIN_PASSWORD}"; set SEED_ADMIN_PASSWORD for anything shared`,
        );
      }
    },
  });
}
