import { fileURLToPath } from "node:url";
import { type Database, prepareDatabase } from "@logicore/db";
import type { Mode } from "@logicore/service";
import type { Logger } from "pino";
import { Prisma, PrismaClient } from "./generated/prisma/client.js";
import { seedOrders } from "./seed.js";

export const ordersMigrationsDir = fileURLToPath(
  new URL("../../../prisma/orders/migrations", import.meta.url),
);

/** Query events are emitted (not logged) so metrics and tests can observe every SQL statement. */
export function createPrismaClient(database: Database) {
  return new PrismaClient({ adapter: database.adapter, log: [{ emit: "event", level: "query" }] });
}

/** Table names for SQL metrics labels: the schema maps no model to another table name. */
export const ordersTables: readonly string[] = Object.values(Prisma.ModelName);

export type OrdersPrismaClient = ReturnType<typeof createPrismaClient>;

export interface PrepareOrdersOptions {
  mode: Mode;
  /** Seed sample orders into an empty database in development. @default true */
  seed?: boolean;
  logger: Logger;
}

/** Migrates and seeds an empty database in development; checks migrations in production. */
export function prepareOrdersDatabase(
  database: Database,
  prisma: PrismaClient,
  options: PrepareOrdersOptions,
) {
  const { logger } = options;
  return prepareDatabase(database, {
    migrationsDir: ordersMigrationsDir,
    mode: options.mode,
    log: (message) => logger.info(message),
    seed: async () => {
      if (options.seed === false || (await prisma.order.count()) > 0) return;
      await seedOrders(prisma, logger);
    },
  });
}
