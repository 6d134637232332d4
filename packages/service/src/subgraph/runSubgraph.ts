import type { Database } from "@logicore/db";
import type { Logger } from "pino";
import type { GraphQLHttpServer } from "../createGraphQLHttpServer.js";
import { createLogger } from "../logger.js";
import { closeOnSignals } from "../shutdown.js";
import { exitOnConfigError } from "../startupFailure.js";
import type { SubgraphConfig } from "../subgraphConfig.js";
import { startTracing } from "../tracing.js";
import { openSubgraphDatabase } from "./openSubgraphDatabase.js";

/** A built subgraph, as the process runs it. */
export interface ServedSubgraph {
  server: GraphQLHttpServer;
  /** Drains HTTP and disconnects its client; the database stays open. */
  close(): Promise<void>;
}

/** What one subgraph adds to the shared start: built from its configuration, before any database. */
export interface SubgraphParts<TSubgraph extends ServedSubgraph> {
  /** Builds the subgraph on its open database. */
  create(database: Database): Promise<TSubgraph>;
  /** Migrates and seeds (development) or checks (production) the database, before it serves. */
  prepare(database: Database, subgraph: TSubgraph): Promise<void>;
  /** Releases what `parts` opened (Redis clients), after the drain. @default nothing to release */
  close?: () => Promise<void>;
}

/** The parts of a subgraph's process that are its own; `runSubgraph` does the rest. */
export interface SubgraphProgram<TConfig extends SubgraphConfig, TSubgraph extends ServedSubgraph> {
  /** The service name in every log line, the ready line and a refused configuration's one line. */
  name: string;
  /** Reads the environment; a ConfigError exits 78 with one line (see `exitOnConfigError`). */
  loadConfig(): Readonly<TConfig>;
  /** Logged as a warning at start in development: what development mode lets through. */
  developmentWarning: string;
  /**
   * Reads keys and creates shared-store clients. Called before the database opens, so that a key
   * production refuses exits 78 without touching the database.
   */
  parts(config: Readonly<TConfig>, logger: Logger): SubgraphParts<TSubgraph>;
}

/**
 * A subgraph's `main`: configuration, tracing, logger, database, preparation, listen, then a drain
 * on SIGTERM/SIGINT that closes the subgraph, its own resources, the database and tracing, in order.
 */
export async function runSubgraph<TConfig extends SubgraphConfig, TSubgraph extends ServedSubgraph>(
  program: SubgraphProgram<TConfig, TSubgraph>,
): Promise<void> {
  const { name } = program;
  const started = exitOnConfigError(name);
  const config = program.loadConfig();
  const logger = createLogger({ service: name, level: config.logLevel, format: config.logFormat });
  // Before the subgraph is built: its HTTP shell adds a span per request only when tracing is on.
  const tracing = await startTracing({ ...config.tracing, logger });
  if (config.mode === "development") logger.warn(program.developmentWarning);
  const parts = program.parts(config, logger);
  const database = await openSubgraphDatabase(config);
  const subgraph = await parts.create(database);
  await parts.prepare(database, subgraph);
  const url = await subgraph.server.listen(config.port, config.host);
  started();
  logger.info(
    { url, database: database.description },
    `${name} subgraph ready at ${url} (${database.description})`,
  );

  closeOnSignals(async () => {
    try {
      await subgraph.close();
      await parts.close?.();
      await database.close();
    } finally {
      // Last: the drained requests' spans are in its queue.
      await tracing?.shutdown();
    }
  }, logger);
}
