import { Counter, collectDefaultMetrics, Gauge, Registry } from "prom-client";

export interface GatewayMetricsOptions {
  /** Subgraphs whose series exist from the start (at 0), so dashboards see them before any failure. */
  subgraphs: readonly string[];
  /** Also collect prom-client's process metrics (CPU, memory, event loop lag, GC). @default true */
  processMetrics?: boolean;
}

/** The gateway's Prometheus metrics, on a registry of its own. */
export interface GatewayMetrics {
  readonly registry: Registry;
  /** 0 closed, 1 half-open, 2 open. */
  readonly circuitState: Gauge<"subgraph">;
  readonly circuitOpens: Counter<"subgraph">;
  /** Calls refused by an open circuit, without touching the network. */
  readonly circuitRejections: Counter<"subgraph">;
  readonly subgraphTimeouts: Counter<"subgraph">;
  /** Subgraph fetches that ended as SUBGRAPH_UNAVAILABLE, the rest of the response still served. */
  readonly subgraphFallbacks: Counter<"subgraph">;
  readonly subgraphRetries: Counter<"subgraph">;
}

/**
 * Creates the metrics on a new registry rather than prom-client's global one: every gateway in a
 * process (tests start many) then counts for itself, and nothing else's metrics leak into ours.
 */
export function createGatewayMetrics(options: GatewayMetricsOptions): GatewayMetrics {
  const registry = new Registry();
  const labelNames = ["subgraph"] as const;
  const counter = (name: string, help: string) =>
    new Counter({ name, help, labelNames, registers: [registry] });
  const metrics: GatewayMetrics = {
    registry,
    circuitState: new Gauge({
      name: "logicore_gateway_circuit_state",
      help: "Circuit breaker state per subgraph: 0 closed, 1 half-open, 2 open",
      labelNames,
      registers: [registry],
    }),
    circuitOpens: counter("logicore_gateway_circuit_opens_total", "Times a subgraph's circuit opened"),
    circuitRejections: counter(
      "logicore_gateway_circuit_rejections_total",
      "Subgraph fetches refused by an open circuit",
    ),
    subgraphTimeouts: counter(
      "logicore_gateway_subgraph_timeouts_total",
      "Subgraph fetches aborted after SERVICE_TIMEOUT",
    ),
    subgraphFallbacks: counter(
      "logicore_gateway_subgraph_fallbacks_total",
      "Subgraph fetches answered with SUBGRAPH_UNAVAILABLE instead of data",
    ),
    subgraphRetries: counter("logicore_gateway_subgraph_retries_total", "Subgraph query fetches retried"),
  };
  for (const subgraph of options.subgraphs) {
    metrics.circuitState.set({ subgraph }, 0);
    for (const series of [
      metrics.circuitOpens,
      metrics.circuitRejections,
      metrics.subgraphTimeouts,
      metrics.subgraphFallbacks,
      metrics.subgraphRetries,
    ]) {
      series.inc({ subgraph }, 0);
    }
  }
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  return metrics;
}
