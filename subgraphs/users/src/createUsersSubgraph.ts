import { readFileSync } from "node:fs";
import type { Database } from "@logicore/db";
import type { Mode } from "@logicore/service";
import { createPrismaSubgraph, type PrismaSubgraph } from "@logicore/service/subgraph";
import { parse } from "graphql";
import type { Logger } from "pino";
import type { LoginThrottle } from "./auth/loginThrottle.js";
import { withUsersPermissions } from "./auth/permissions.js";
import { createRevocationsPlugin } from "./auth/revocationsPlugin.js";
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

/** The users subgraph: its server, its Prisma client and one close for both. */
export type UsersSubgraph = PrismaSubgraph<UsersPrismaClient>;

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
  const mailer = options.mailer ?? (mode === "development" ? createLogMailer(logger) : unconfiguredMailer());
  return createPrismaSubgraph<UsersContext, UsersPrismaClient>({
    name: "users",
    typeDefs,
    resolvers: createResolvers(),
    applyMiddleware: withUsersPermissions,
    plugins: [createRevocationsPlugin<UsersContext>()],
    context: createContextFactory({ mode, prisma, mailer, logger, sessions, throttle }),
    database,
    prisma,
    tables: usersTables,
    mode,
    logger,
  });
}
