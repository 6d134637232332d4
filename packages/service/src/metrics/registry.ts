import { collectDefaultMetrics, Registry } from "prom-client";

export interface MetricsRegistryOptions {
  /** Also collect prom-client's process metrics (CPU, memory, event loop lag, GC). @default true */
  processMetrics?: boolean | undefined;
}

/**
 * The registry a deployable serves at `/metrics`: a new one rather than prom-client's global one,
 * so every gateway or subgraph in a process (tests start many) counts for itself and nothing else's
 * metrics leak into it.
 */
export function createMetricsRegistry(options: MetricsRegistryOptions = {}): Registry {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  return registry;
}
