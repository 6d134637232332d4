import { createMetricsRegistry, GATEWAY_METRIC_NAMES } from "@logicore/service";
import { Counter, Gauge, type Registry } from "prom-client";

export interface GatewayMetricsOptions {
  /** Subgraphs whose series exist from the start (at 0), so dashboards see them before any failure. */
  subgraphs: readonly string[];
  /** The registry `/metrics` serves. @default a new one from createMetricsRegistry */
  registry?: Registry;
  /**
   * Also collect prom-client's process metrics (CPU, memory, event loop lag, GC) on the new
   * registry; ignored when `registry` is given. @default true
   */
  processMetrics?: boolean | undefined;
}

/** The gateway's resilience metrics, on the gateway's registry. */
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

export function createGatewayMetrics(options: GatewayMetricsOptions): GatewayMetrics {
  const registry = options.registry ?? createMetricsRegistry({ processMetrics: options.processMetrics });
  const labelNames = ["subgraph"] as const;
  const counter = (name: string, help: string) =>
    new Counter({ name, help, labelNames, registers: [registry] });
  const metrics: GatewayMetrics = {
    registry,
    circuitState: new Gauge({
      name: GATEWAY_METRIC_NAMES.circuitState,
      help: "Circuit breaker state per subgraph: 0 closed, 1 half-open, 2 open",
      labelNames,
      registers: [registry],
    }),
    circuitOpens: counter(GATEWAY_METRIC_NAMES.circuitOpens, "Times a subgraph's circuit opened"),
    circuitRejections: counter(
      GATEWAY_METRIC_NAMES.circuitRejections,
      "Subgraph fetches refused by an open circuit",
    ),
    subgraphTimeouts: counter(
      GATEWAY_METRIC_NAMES.subgraphTimeouts,
      "Subgraph fetches aborted after SERVICE_TIMEOUT",
    ),
    subgraphFallbacks: counter(
      GATEWAY_METRIC_NAMES.subgraphFallbacks,
      "Subgraph fetches answered with SUBGRAPH_UNAVAILABLE instead of data",
    ),
    subgraphRetries: counter(GATEWAY_METRIC_NAMES.subgraphRetries, "Subgraph query fetches retried"),
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
  return metrics;
}
