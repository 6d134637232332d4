import { fileURLToPath } from "node:url";
import type { Database } from "@logicore/db";
import {
  modelTables,
  prepareSubgraphDatabase,
  prismaClientOptions,
  type SubgraphPrepareOptions,
} from "@logicore/service/subgraph";
import { DEVELOPMENT_ADMIN_PASSWORD } from "./config.js";
import { Prisma, PrismaClient } from "./generated/prisma/client.js";
import { SEED_ADMIN_EMAIL, seedUsers } from "./seed.js";

export const usersMigrationsDir = fileURLToPath(new URL("../../../prisma/users/migrations", import.meta.url));

export function createPrismaClient(database: Database) {
  return new PrismaClient(prismaClientOptions(database));
}

export const usersTables = modelTables(Prisma.ModelName);

export type UsersPrismaClient = ReturnType<typeof createPrismaClient>;

export interface PrepareOptions extends SubgraphPrepareOptions {
  /** Seeds an empty database in development; undefined skips seeding. */
  seedAdminPassword: string | undefined;
}

/** Migrates and seeds an empty database in development; checks migrations in production. */
export function prepareUsersDatabase(database: Database, prisma: PrismaClient, options: PrepareOptions) {
  const { mode, logger, seedAdminPassword } = options;
  return prepareSubgraphDatabase(database, {
    migrationsDir: usersMigrationsDir,
    mode,
    logger,
    seed: async () => {
      if (seedAdminPassword === undefined || (await prisma.user.count()) > 0) return;
      await seedUsers(prisma, { mode, adminPassword: seedAdminPassword, logger });
      if (seedAdminPassword === DEVELOPMENT_ADMIN_PASSWORD) {
        logger.warn(
          `DEVELOPMENT DEFAULT: seeded ${SEED_ADMIN_EMAIL} with the documented password ` +
            `"${DEVELOPMENT_ADMIN_PASSWORD}"; set SEED_ADMIN_PASSWORD for anything shared`,
        );
      }
    },
  });
}
