import type { BaseContext } from "@apollo/server";
import type { Database } from "@logicore/db";
import type { GraphQLHttpServer } from "../createGraphQLHttpServer.js";
import { createSubgraphServer, type SubgraphServerOptions } from "../createSubgraphServer.js";
import { createSubgraphMetrics } from "../subgraphMetrics.js";

/** What the shared shell uses of a subgraph's generated PrismaClient; structural, so no Prisma here. */
export interface QueryEventClient {
  $on(event: "query", listener: (event: { query: string; duration: number }) => void): unknown;
  $disconnect(): Promise<void>;
}

/**
 * Options for a subgraph's generated `PrismaClient` on `database`. Query events are emitted (not
 * logged) so metrics and tests can observe every SQL statement.
 */
export function prismaClientOptions(database: Pick<Database, "adapter">) {
  return { adapter: database.adapter, log: [{ emit: "event" as const, level: "query" as const }] };
}

/**
 * A subgraph's table names for the `table` label of its SQL metrics, from its generated
 * `Prisma.ModelName`: LogiCore's schemas map no model to another table name.
 */
export function modelTables(modelNames: Readonly<Record<string, string>>): readonly string[] {
  return Object.values(modelNames);
}

export interface PrismaSubgraphOptions<TContext extends BaseContext, TPrisma extends QueryEventClient>
  extends Omit<SubgraphServerOptions<TContext>, "ping" | "metrics"> {
  /** An open database with the subgraph's migrations applied; its owner closes it. */
  database: Database;
  /** The subgraph's client on `database`, built with `prismaClientOptions`. */
  prisma: TPrisma;
  /** The subgraph's table names (`modelTables`): a SQL metric labels any other table "other". */
  tables: readonly string[];
}

export interface PrismaSubgraph<TPrisma> {
  server: GraphQLHttpServer;
  /** Emits `query` events for every SQL statement. */
  prisma: TPrisma;
  /** Drains HTTP, then disconnects Prisma. The database stays open: its owner closes it. */
  close(): Promise<void>;
}

/**
 * A subgraph served from a database of its own: its SQL counted in its metrics, `/health/ready`
 * answering from a database round trip, and one close for HTTP and Prisma.
 */
export async function createPrismaSubgraph<TContext extends BaseContext, TPrisma extends QueryEventClient>(
  options: PrismaSubgraphOptions<TContext, TPrisma>,
): Promise<PrismaSubgraph<TPrisma>> {
  const { database, prisma, tables, ...serverOptions } = options;
  const metrics = createSubgraphMetrics({ subgraph: options.name, pool: database.pool, tables });
  prisma.$on("query", (event) => metrics.observeQuery(event.query, event.duration));
  const server = await createSubgraphServer<TContext>({
    ...serverOptions,
    ping: () => database.ping(),
    metrics,
  });
  return {
    server,
    prisma,
    async close() {
      await server.close();
      await prisma.$disconnect();
    },
  };
}
