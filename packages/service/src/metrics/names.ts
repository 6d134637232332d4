/**
 * Every Prometheus metric name LogiCore exposes, in one place: the gateway and the subgraphs define
 * their series with these, and the dashboard and alert rules in `observability/` are checked against
 * this list, so a renamed metric fails a test instead of silently emptying a panel. The README's
 * Observability section lists the same names.
 */
export const SUBGRAPH_METRIC_NAMES = {
  operationDuration: "logicore_subgraph_graphql_operation_duration_seconds",
  dbQueryDuration: "logicore_subgraph_db_query_duration_seconds",
  dbPoolConnections: "logicore_subgraph_db_pool_connections",
  dbUnavailable: "logicore_subgraph_db_unavailable_total",
} as const;

/** The gateway's metrics. */
export const GATEWAY_METRIC_NAMES = {
  httpRequestDuration: "logicore_gateway_http_request_duration_seconds",
  operations: "logicore_gateway_graphql_operations_total",
  operationDuration: "logicore_gateway_graphql_operation_duration_seconds",
  errors: "logicore_gateway_graphql_errors_total",
  subgraphFetchDuration: "logicore_gateway_subgraph_fetch_duration_seconds",
  subgraphFetchErrors: "logicore_gateway_subgraph_fetch_errors_total",
  circuitState: "logicore_gateway_circuit_state",
  circuitOpens: "logicore_gateway_circuit_opens_total",
  circuitRejections: "logicore_gateway_circuit_rejections_total",
  subgraphTimeouts: "logicore_gateway_subgraph_timeouts_total",
  subgraphFallbacks: "logicore_gateway_subgraph_fallbacks_total",
  subgraphRetries: "logicore_gateway_subgraph_retries_total",
  queryPlanCacheHits: "logicore_gateway_query_plan_cache_hits_total",
  queryPlanCacheMisses: "logicore_gateway_query_plan_cache_misses_total",
  rateLimitDecisions: "logicore_gateway_rate_limit_decisions_total",
} as const;

/** All LogiCore metric names (without the `_bucket`/`_sum`/`_count` series suffixes). */
export const LOGICORE_METRIC_NAMES: readonly string[] = [
  ...Object.values(SUBGRAPH_METRIC_NAMES),
  ...Object.values(GATEWAY_METRIC_NAMES),
];
