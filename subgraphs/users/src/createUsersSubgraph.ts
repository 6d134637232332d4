import { readFileSync } from "node:fs";
import type { Database } from "@logicore/db";
import {
  createSubgraphMetrics,
  createSubgraphServer,
  type GraphQLHttpServer,
  type Mode,
} from "@logicore/service";
import { parse } from "graphql";
import type { Logger } from "pino";
import type { LoginThrottle } from "./auth/loginThrottle.js";
import { withUsersPermissions } from "./auth/permissions.js";
import { revocationsPlugin } from "./auth/revocationsPlugin.js";
import type { SessionSettings } from "./auth/sessionSettings.js";
import { createContextFactory, type UsersContext } from "./context.js";
import { createPrismaClient, type UsersPrismaClient, usersTables } from "./database.js";
import { createLogMailer, type Mailer } from "./mailer.js";
import { createResolvers } from "./resolvers/index.js";

const typeDefs = parse(readFileSync(new URL("./schema.graphql", import.meta.url), "utf8"));

export interface UsersSubgraphOptions {
  /** An open database with the users migrations applied. */
  database: Database;
  mode: Mode;
  logger: Logger;
  /** Keys and lifetimes of sessions. */
  sessions: SessionSettings;
  /** Brute-force protection for login. */
  throttle: LoginThrottle;
  /** Where verification mail goes. @default the log (development only) */
  mailer?: Mailer;
}

export interface UsersSubgraph {
  server: GraphQLHttpServer;
  /** Emits `query` events for every SQL statement. */
  prisma: UsersPrismaClient;
  /** Drains HTTP, then disconnects Prisma. The database stays open: its owner closes it. */
  close(): Promise<void>;
}

function unconfiguredMailer(): Mailer {
  return {
    async send() {
      throw new Error("no mail provider is configured for production");
    },
  };
}

export async function createUsersSubgraph(options: UsersSubgraphOptions): Promise<UsersSubgraph> {
  const { database, mode, logger, sessions, throttle } = options;
  const prisma = createPrismaClient(database);
  const metrics = createSubgraphMetrics({ subgraph: "users", pool: database.pool, tables: usersTables });
  prisma.$on("query", (event) => metrics.observeQuery(event.query, event.duration));
  const mailer = options.mailer ?? (mode === "development" ? createLogMailer(logger) : unconfiguredMailer());
  const server = await createSubgraphServer<UsersContext>({
    name: "users",
    typeDefs,
    resolvers: createResolvers(),
    applyMiddleware: withUsersPermissions,
    plugins: [revocationsPlugin<UsersContext>()],
    context: createContextFactory({ mode, prisma, mailer, logger, sessions, throttle }),
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
