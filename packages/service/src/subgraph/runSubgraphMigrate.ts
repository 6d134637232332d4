import { runMigrateCommand } from "@logicore/db";
import { createLogger } from "../logger.js";
import { databaseOptionsOf, type SubgraphConfig } from "../subgraphConfig.js";

export interface SubgraphMigrateOptions {
  /** The subgraph's name; its log lines name the service `<name>-migrate`. */
  name: string;
  config: SubgraphConfig;
  /** The subgraph's own migrations (`prisma/<subgraph>/migrations`). */
  migrationsDir: string;
}

/** A subgraph's `db:migrate` (the Kubernetes migration Job): a failure sets exit code 1. */
export function runSubgraphMigrate(options: SubgraphMigrateOptions): Promise<void> {
  const { name, config } = options;
  return runMigrateCommand({
    database: databaseOptionsOf(config),
    migrationsDir: options.migrationsDir,
    logger: createLogger({ service: `${name}-migrate`, level: config.logLevel, format: config.logFormat }),
  });
}
