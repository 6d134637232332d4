import { Counter, Histogram, type Registry } from "prom-client";

export interface ObservabilityMetricsOptions {
  /** The gateway's registry (the one `/metrics` serves). */
  registry: Registry;
  /** Subgraphs whose fetch-error series exist from the start (at 0). */
  subgraphs: readonly string[];
}

/** How one subgraph fetch attempt ended. */
export type SubgraphFetchOutcome = "success" | "http_error" | "network_error" | "timeout" | "circuit_open";

/** How one GraphQL operation ended: refused before execution (parse, validation, authorization). */
export type OperationOutcome = "success" | "error" | "rejected";

/** Request, operation and subgraph-fetch metrics, on the gateway's registry. */
export interface ObservabilityMetrics {
  readonly httpRequestDuration: Histogram<"method" | "route" | "status">;
  readonly operations: Counter<"operation_name" | "operation_type" | "outcome">;
  readonly operationDuration: Histogram<"operation_name" | "operation_type" | "outcome">;
  readonly graphqlErrors: Counter<"code">;
  readonly subgraphFetchDuration: Histogram<"subgraph" | "outcome">;
  readonly subgraphFetchErrors: Counter<"subgraph" | "outcome">;
}

// From 5 ms to 10 s: a cached subgraph answer up to REQUEST_TIMEOUT's default.
const buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createObservabilityMetrics(options: ObservabilityMetricsOptions): ObservabilityMetrics {
  const registers = [options.registry];
  const operationLabels = ["operation_name", "operation_type", "outcome"] as const;
  const metrics: ObservabilityMetrics = {
    httpRequestDuration: new Histogram({
      name: "logicore_gateway_http_request_duration_seconds",
      help: "HTTP requests served by the gateway, by method, matched route and status",
      labelNames: ["method", "route", "status"],
      buckets,
      registers,
    }),
    operations: new Counter({
      name: "logicore_gateway_graphql_operations_total",
      help: "GraphQL operations by (bounded) name, type and outcome",
      labelNames: operationLabels,
      registers,
    }),
    operationDuration: new Histogram({
      name: "logicore_gateway_graphql_operation_duration_seconds",
      help: "GraphQL operation duration, from request start to response, by name, type and outcome",
      labelNames: operationLabels,
      buckets,
      registers,
    }),
    graphqlErrors: new Counter({
      name: "logicore_gateway_graphql_errors_total",
      help: "Errors in GraphQL responses, by extensions.code",
      labelNames: ["code"],
      registers,
    }),
    subgraphFetchDuration: new Histogram({
      name: "logicore_gateway_subgraph_fetch_duration_seconds",
      help: "Subgraph fetch attempts (each retry is one), by subgraph and outcome",
      labelNames: ["subgraph", "outcome"],
      buckets,
      registers,
    }),
    subgraphFetchErrors: new Counter({
      name: "logicore_gateway_subgraph_fetch_errors_total",
      help: "Subgraph fetch attempts that failed, by subgraph and outcome",
      labelNames: ["subgraph", "outcome"],
      registers,
    }),
  };
  for (const subgraph of options.subgraphs) {
    for (const outcome of ["http_error", "network_error", "timeout", "circuit_open"] as const) {
      metrics.subgraphFetchErrors.inc({ subgraph, outcome }, 0);
    }
  }
  return metrics;
}
