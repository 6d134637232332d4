import { readFileSync } from "node:fs";
import type { Verifier } from "@logicore/auth";
import type { Database } from "@logicore/db";
import {
  createSubgraphMetrics,
  createSubgraphServer,
  type GraphQLHttpServer,
  type Mode,
} from "@logicore/service";
import { parse } from "graphql";
import type { Logger } from "pino";
import { withOrdersPermissions } from "./auth/permissions.js";
import { createContextFactory, type OrdersContext } from "./context.js";
import { createPrismaClient, type OrdersPrismaClient, ordersTables } from "./database.js";
import { createResolvers } from "./resolvers/index.js";

const typeDefs = parse(readFileSync(new URL("./schema.graphql", import.meta.url), "utf8"));

export interface OrdersSubgraphOptions {
  /** An open database with the orders migrations applied. */
  database: Database;
  mode: Mode;
  logger: Logger;
  /** Checks callers' access tokens (public key, issuer, audience, optional shared revocations). */
  verifier: Verifier;
}

export interface OrdersSubgraph {
  server: GraphQLHttpServer;
  /** Emits `query` events for every SQL statement. */
  prisma: OrdersPrismaClient;
  /** Drains HTTP, then disconnects Prisma. The database stays open: its owner closes it. */
  close(): Promise<void>;
}

export async function createOrdersSubgraph(options: OrdersSubgraphOptions): Promise<OrdersSubgraph> {
  const { database, mode, logger } = options;
  const prisma = createPrismaClient(database);
  const metrics = createSubgraphMetrics({ subgraph: "orders", pool: database.pool, tables: ordersTables });
  prisma.$on("query", (event) => metrics.observeQuery(event.query, event.duration));
  const server = await createSubgraphServer<OrdersContext>({
    name: "orders",
    typeDefs,
    resolvers: createResolvers(),
    applyMiddleware: withOrdersPermissions,
    context: createContextFactory({ mode, prisma, verifier: options.verifier }),
    ping: () => database.ping(),
    mode,
    logger,
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
