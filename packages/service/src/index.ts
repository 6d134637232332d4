export * from "@logicore/config";
export type { FastifyReply, FastifyRequest } from "fastify";
export { activeTraceContext, type HeaderSetter, injectActiveTraceContext } from "./activeTrace.js";
export {
  createGraphQLHttpServer,
  type GraphQLHttpServer,
  type GraphQLHttpServerOptions,
  type HttpApp,
  type ReadinessReport,
} from "./createGraphQLHttpServer.js";
export {
  createSubgraphServer,
  type ResolverMap,
  type SubgraphServerOptions,
} from "./createSubgraphServer.js";
export {
  DEVELOPMENT_ADMIN_PASSWORD,
  DEVELOPMENT_SEED_USERS,
  type DevelopmentSeedUser,
} from "./developmentSeed.js";
export { createLogger, type LoggerOptions } from "./logger.js";
export { DB_QUERY_BUCKETS, DURATION_BUCKETS } from "./metrics/buckets.js";
export { GATEWAY_METRIC_NAMES, LOGICORE_METRIC_NAMES, SUBGRAPH_METRIC_NAMES } from "./metrics/names.js";
export { createMetricsRegistry, type MetricsRegistryOptions } from "./metrics/registry.js";
export {
  createOperationMetricsPlugin,
  type OperationMetricsPluginOptions,
} from "./operationMetricsPlugin.js";
export {
  type Connection,
  decodeCursor,
  encodeCursor,
  type PageSizeOptions,
  parseFirst,
} from "./pagination.js";
export { closeOnSignals } from "./shutdown.js";
export { CONFIG_EXIT_CODE, exitOnConfigError } from "./startupFailure.js";
export {
  databaseOptionsOf,
  defaultDataRoot,
  loadSubgraphConfig,
  type SubgraphConfig,
  type SubgraphConfigOptions,
} from "./subgraphConfig.js";
export {
  classifyQuery,
  createSubgraphMetrics,
  type PoolStats,
  type SubgraphMetrics,
  type SubgraphMetricsOptions,
} from "./subgraphMetrics.js";
export { startTracing, type Tracing, type TracingOptions } from "./tracing.js";
export { type OtlpProtocol, type TracingConfig, tracingConfigFromEnv } from "./tracingConfig.js";
