import { ConfigError } from "@logicore/service";
import type { Logger } from "pino";
import { isSubgraphOutage } from "../subgraphFailure.js";
import { createGatewayMetrics, type GatewayMetrics } from "./gatewayMetrics.js";
import {
  breakerSettingsFor,
  normalizeSubgraphName,
  type ResilienceOptions,
  resolveResilienceSettings,
} from "./resilienceSettings.js";
import { createRetryPolicy, type RetryPolicy } from "./retryPolicy.js";
import { type CircuitState, createSubgraphBreaker, type SubgraphBreaker } from "./subgraphBreaker.js";

export interface SubgraphResilienceOptions {
  /** Every subgraph the supergraph declares: each gets its breaker and its metric series up front. */
  subgraphNames: readonly string[];
  /** Breaker settings, per-subgraph overrides, retries and the request budget. @default all defaults */
  settings?: ResilienceOptions;
  logger: Logger;
}

/** The gateway's breakers, retry policy and metrics, shared by every subgraph data source. */
export interface SubgraphResilience {
  readonly metrics: GatewayMetrics;
  readonly retry: RetryPolicy;
  readonly requestTimeoutMs: number;
  readonly breakers: ReadonlyMap<string, SubgraphBreaker>;
  breakerFor(subgraphName: string): SubgraphBreaker;
  /** Subgraph name -> circuit state, for readiness. */
  states(): Record<string, CircuitState>;
  shutdown(): void;
}

export function createSubgraphResilience(options: SubgraphResilienceOptions): SubgraphResilience {
  const settings = resolveResilienceSettings(options.settings);
  const known = new Set(options.subgraphNames.map(normalizeSubgraphName));
  for (const name of Object.keys(settings.perSubgraph)) {
    if (!known.has(normalizeSubgraphName(name))) {
      throw new ConfigError(
        `${name.toUpperCase()}_SERVICE_TIMEOUT (or another ${name.toUpperCase()}_ breaker setting) names ` +
          `no subgraph of the supergraph (it has: ${options.subgraphNames.join(", ")})`,
      );
    }
  }
  const metrics = createGatewayMetrics({ subgraphs: options.subgraphNames });
  const breakers = new Map(
    options.subgraphNames.map((name) => [
      name,
      createSubgraphBreaker({
        name,
        settings: breakerSettingsFor(settings, name),
        isOutage: isSubgraphOutage,
        metrics,
        logger: options.logger,
      }),
    ]),
  );
  return {
    metrics,
    retry: createRetryPolicy({ retries: settings.retries }),
    requestTimeoutMs: settings.requestTimeoutMs,
    breakers,
    breakerFor: (subgraphName) => {
      const breaker = breakers.get(subgraphName);
      if (breaker === undefined) throw new ConfigError(`Subgraph ${subgraphName} is not in the supergraph`);
      return breaker;
    },
    states: () => Object.fromEntries([...breakers].map(([name, breaker]) => [name, breaker.state])),
    shutdown: () => {
      for (const breaker of breakers.values()) breaker.shutdown();
    },
  };
}
