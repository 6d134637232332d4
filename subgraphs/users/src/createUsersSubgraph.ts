import { readFileSync } from "node:fs";
import type { Database } from "@logicore/db";
import type { Mode } from "@logicore/service";
import { type CallerCheck, createPrismaSubgraph, type PrismaSubgraph } from "@logicore/service/subgraph";
import { parse } from "graphql";
import type { Logger } from "pino";
import type { LoginThrottle } from "./auth/loginThrottle.js";
import { withUsersPermissions } from "./auth/permissions.js";
import { createRevocationsPlugin } from "./auth/revocationsPlugin.js";
import type { SessionSettings } from "./auth/sessionSettings.js";
import type { MailConfig } from "./config.js";
import { createContextFactory, type UsersContext } from "./context.js";
import { createPrismaClient, type UsersPrismaClient, usersTables } from "./database.js";
import { createLogMailer, createSmtpMailer, type Mailer } from "./mailer.js";
import { createResolvers } from "./resolvers/index.js";

const typeDefs = parse(readFileSync(new URL("./schema.graphql", import.meta.url), "utf8"));

export interface UsersSubgraphOptions {
  /** Verifies the gateway's proof on every request; required in production (see createSubgraphServer). */
  callerCheck?: CallerCheck;
  /** An open database with the users migrations applied. */
  database: Database;
  mode: Mode;
  logger: Logger;
  /** Keys and lifetimes of sessions. */
  sessions: SessionSettings;
  /** Brute-force protection for login. */
  throttle: LoginThrottle;
  /** SMTP_URL and MAIL_FROM: verification mail goes through that server. */
  mail?: MailConfig | undefined;
  /** Where verification mail goes, instead of `mail` (tests). @default the log (development only) */
  mailer?: Mailer;
}

/** The users subgraph: its server, its Prisma client and one close for both. */
export type UsersSubgraph = PrismaSubgraph<UsersPrismaClient>;

// The one place the mailer is chosen. Production's configuration requires SMTP_URL, so reaching the
// error means a caller skipped loadUsersConfig: refuse to start rather than fail every request.
function chooseMailer({ mail, mailer, mode, logger }: UsersSubgraphOptions): Mailer {
  if (mailer) return mailer;
  if (mail) return createSmtpMailer({ url: mail.smtpUrl, from: mail.from, logger });
  if (mode === "development") return createLogMailer(logger);
  throw new Error("the users subgraph needs a mailer in production (SMTP_URL and MAIL_FROM)");
}

export async function createUsersSubgraph(options: UsersSubgraphOptions): Promise<UsersSubgraph> {
  const { database, mode, logger, sessions, throttle } = options;
  const prisma = createPrismaClient(database);
  const mailer = chooseMailer(options);
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
    ...(options.callerCheck && { callerCheck: options.callerCheck }),
  });
}
