import type { ConfigError } from "@logicore/config";
import type { Database } from "@logicore/db";
import type { Logger } from "pino";
import { createLogger } from "../logger.js";
import type { SubgraphConfig } from "../subgraphConfig.js";
import { openSubgraphDatabase } from "./openSubgraphDatabase.js";

/** What `db:seed` does with a configuration, decided before the database opens. */
export type SeedPlan<TPrisma> =
  /** Seeds through the subgraph's client; safe to repeat. */
  | { kind: "seed"; seed: (prisma: TPrisma, logger: Logger) => Promise<unknown> }
  /** Nothing to seed here (logged as info); exits 0 without opening the database. */
  | { kind: "skip"; reason: string }
  /** The configuration cannot seed safely (logged as an error); exits 1. */
  | { kind: "refuse"; error: ConfigError };

export interface SubgraphSeedOptions<TPrisma extends { $disconnect(): Promise<void> }> {
  /** The subgraph's name; its log lines name the service `<name>-seed`. */
  name: string;
  config: SubgraphConfig;
  createPrismaClient: (database: Database) => TPrisma;
  plan: SeedPlan<TPrisma>;
}

/** A subgraph's `db:seed`: a failure is logged and sets exit code 1, after the database closes. */
export async function runSubgraphSeed<TPrisma extends { $disconnect(): Promise<void> }>(
  options: SubgraphSeedOptions<TPrisma>,
): Promise<void> {
  const { config, plan } = options;
  const logger = createLogger({
    service: `${options.name}-seed`,
    level: config.logLevel,
    format: config.logFormat,
  });
  switch (plan.kind) {
    case "refuse":
      logger.error(plan.error);
      return process.exit(1);
    case "skip":
      logger.info(plan.reason);
      return;
    case "seed":
      return seedWith(options.createPrismaClient, plan.seed, config, logger);
    default:
      return plan satisfies never;
  }
}

async function seedWith<TPrisma extends { $disconnect(): Promise<void> }>(
  createPrismaClient: (database: Database) => TPrisma,
  seed: (prisma: TPrisma, logger: Logger) => Promise<unknown>,
  config: SubgraphConfig,
  logger: Logger,
): Promise<void> {
  const database = await openSubgraphDatabase(config);
  const prisma = createPrismaClient(database);
  try {
    await seed(prisma, logger);
  } catch (error) {
    logger.error({ err: error }, "seed failed");
    process.exitCode = 1;
  } finally {
    await prisma.$disconnect();
    await database.close();
  }
}
