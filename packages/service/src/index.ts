export type { FastifyReply, FastifyRequest } from "fastify";
export {
  createGraphQLHttpServer,
  type GraphQLHttpServer,
  type GraphQLHttpServerOptions,
  type HttpApp,
  type ReadinessReport,
} from "./createGraphQLHttpServer.js";
export {
  ConfigError,
  type Env,
  intFromEnv,
  type LogLevel,
  logLevelFromEnv,
  type Mode,
  modeFromEnv,
  stringFromEnv,
  urlFromEnv,
} from "./env.js";
export { createLogger, type LoggerOptions } from "./logger.js";
export { closeOnSignals } from "./shutdown.js";
