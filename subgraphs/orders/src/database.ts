import { fileURLToPath } from "node:url";
import type { Database } from "@logicore/db";
import {
  modelTables,
  prepareSubgraphDatabase,
  prismaClientOptions,
  type SubgraphPrepareOptions,
} from "@logicore/service/subgraph";
import { Prisma, PrismaClient } from "./generated/prisma/client.js";
import { seedOrders } from "./seed.js";

export const ordersMigrationsDir = fileURLToPath(
  new URL("../../../prisma/orders/migrations", import.meta.url),
);

export function createPrismaClient(database: Database) {
  return new PrismaClient(prismaClientOptions(database));
}

export const ordersTables = modelTables(Prisma.ModelName);

export type OrdersPrismaClient = ReturnType<typeof createPrismaClient>;

export interface PrepareOrdersOptions extends SubgraphPrepareOptions {
  /** Seed sample orders into an empty database in development. @default true */
  seed?: boolean;
}

/** Migrates and seeds an empty database in development; checks migrations in production. */
export function prepareOrdersDatabase(
  database: Database,
  prisma: PrismaClient,
  options: PrepareOrdersOptions,
) {
  const { logger } = options;
  return prepareSubgraphDatabase(database, {
    migrationsDir: ordersMigrationsDir,
    mode: options.mode,
    logger,
    seed: async () => {
      if (options.seed === false || (await prisma.order.count()) > 0) return;
      await seedOrders(prisma, logger);
    },
  });
}
