import { readFileSync } from "node:fs";
import type { Verifier } from "@logicore/auth";
import type { Database } from "@logicore/db";
import type { Mode } from "@logicore/service";
import { type CallerCheck, createPrismaSubgraph, type PrismaSubgraph } from "@logicore/service/subgraph";
import { parse } from "graphql";
import type { Logger } from "pino";
import { withOrdersPermissions } from "./auth/permissions.js";
import { createContextFactory, type OrdersContext } from "./context.js";
import { createPrismaClient, type OrdersPrismaClient, ordersTables } from "./database.js";
import { createResolvers } from "./resolvers/index.js";

const typeDefs = parse(readFileSync(new URL("./schema.graphql", import.meta.url), "utf8"));

export interface OrdersSubgraphOptions {
  /** Verifies the gateway's proof on every request; required in production (see createSubgraphServer). */
  callerCheck?: CallerCheck;
  /** An open database with the orders migrations applied. */
  database: Database;
  mode: Mode;
  logger: Logger;
  /** Checks callers' access tokens (public key, issuer, audience, optional shared revocations). */
  verifier: Verifier;
}

/** The orders subgraph: its server, its Prisma client and one close for both. */
export type OrdersSubgraph = PrismaSubgraph<OrdersPrismaClient>;

export async function createOrdersSubgraph(options: OrdersSubgraphOptions): Promise<OrdersSubgraph> {
  const { database, mode, logger } = options;
  const prisma = createPrismaClient(database);
  return createPrismaSubgraph<OrdersContext, OrdersPrismaClient>({
    name: "orders",
    typeDefs,
    resolvers: createResolvers(),
    applyMiddleware: withOrdersPermissions,
    context: createContextFactory({ mode, prisma, verifier: options.verifier }),
    database,
    prisma,
    tables: ordersTables,
    mode,
    logger,
    ...(options.callerCheck && { callerCheck: options.callerCheck }),
  });
}
