import type { Mode } from "@logicore/config";
import { type Database, openDatabase, prepareDatabase } from "@logicore/db";
import type { Logger } from "pino";
import { databaseOptionsOf, type SubgraphConfig } from "../subgraphConfig.js";

/** The database a subgraph's configuration names: DATABASE_URL, else PGlite in its DATA_DIR folder. */
export function openSubgraphDatabase(
  config: Pick<SubgraphConfig, "databaseUrl" | "dataDir" | "poolMax">,
): Promise<Database> {
  return openDatabase(databaseOptionsOf(config));
}

/** What every subgraph's `prepare…Database` takes; each adds its own seed settings. */
export interface SubgraphPrepareOptions {
  /** Production only checks the migrations; development applies them and seeds. */
  mode: Mode;
  /** Receives one info line per migration applied, and the seed's lines. */
  logger: Logger;
}

export interface PrepareSubgraphDatabaseOptions extends SubgraphPrepareOptions {
  /** The subgraph's own migrations (`prisma/<subgraph>/migrations`). */
  migrationsDir: string;
  /** Development only, after migrating; decides for itself whether there is anything to seed. */
  seed: () => Promise<void>;
}

/** Migrates and seeds in development; in production only checks that the migrations are applied. */
export function prepareSubgraphDatabase(
  database: Database,
  options: PrepareSubgraphDatabaseOptions,
): Promise<void> {
  const { logger } = options;
  return prepareDatabase(database, {
    migrationsDir: options.migrationsDir,
    mode: options.mode,
    log: (message) => logger.info(message),
    seed: options.seed,
  });
}
