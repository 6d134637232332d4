import { DURATION_BUCKETS, GATEWAY_METRIC_NAMES } from "@logicore/service";
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

export function createObservabilityMetrics(options: ObservabilityMetricsOptions): ObservabilityMetrics {
  const registers = [options.registry];
  const buckets = [...DURATION_BUCKETS];
  const operationLabels = ["operation_name", "operation_type", "outcome"] as const;
  const metrics: ObservabilityMetrics = {
    httpRequestDuration: new Histogram({
      name: GATEWAY_METRIC_NAMES.httpRequestDuration,
      help: "HTTP requests served by the gateway, by method, matched route and status",
      labelNames: ["method", "route", "status"],
      buckets,
      registers,
    }),
    operations: new Counter({
      name: GATEWAY_METRIC_NAMES.operations,
      help: "GraphQL operations by (bounded) name, type and outcome",
      labelNames: operationLabels,
      registers,
    }),
    operationDuration: new Histogram({
      name: GATEWAY_METRIC_NAMES.operationDuration,
      help: "GraphQL operation duration, from request start to response, by name, type and outcome",
      labelNames: operationLabels,
      buckets,
      registers,
    }),
    graphqlErrors: new Counter({
      name: GATEWAY_METRIC_NAMES.errors,
      help: "Errors in GraphQL responses, by extensions.code",
      labelNames: ["code"],
      registers,
    }),
    subgraphFetchDuration: new Histogram({
      name: GATEWAY_METRIC_NAMES.subgraphFetchDuration,
      help: "Subgraph fetch attempts (each retry is one), by subgraph and outcome",
      labelNames: ["subgraph", "outcome"],
      buckets,
      registers,
    }),
    subgraphFetchErrors: new Counter({
      name: GATEWAY_METRIC_NAMES.subgraphFetchErrors,
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
