import { ConfigError } from "@logicore/service";
import type { Logger } from "pino";
import { assertBreakerSubgraphs } from "../config/supergraphChecks.js";
import type { GatewayMetrics } from "./gatewayMetrics.js";
import {
  breakerSettingsFor,
  type ResilienceOptions,
  type ResilienceSettings,
  resolveResilienceSettings,
} from "./resilienceSettings.js";
import { type CircuitState, createSubgraphBreaker, type SubgraphBreaker } from "./subgraphBreaker.js";

export interface SubgraphResilienceOptions {
  /** Every subgraph the supergraph declares: each gets its breaker and its metric series up front. */
  subgraphNames: readonly string[];
  /** Breaker settings, per-subgraph overrides, retries and the request budget. @default all defaults */
  settings?: ResilienceOptions | undefined;
  /** Where breakers count opens, rejections, timeouts, fallbacks and retries. */
  metrics: GatewayMetrics;
  logger: Logger;
}

/**
 * The gateway's resilience state, shared by every subgraph data source: one breaker per subgraph,
 * the metrics, and the settings the per-call steps (timeout, retries) read.
 */
export interface SubgraphResilience {
  readonly metrics: GatewayMetrics;
  /** With every default filled in. */
  readonly settings: ResilienceSettings;
  readonly breakers: ReadonlyMap<string, SubgraphBreaker>;
  breakerFor(subgraphName: string): SubgraphBreaker;
  /** Subgraph name -> circuit state, for readiness. */
  states(): Record<string, CircuitState>;
  shutdown(): void;
}

export function createSubgraphResilience(options: SubgraphResilienceOptions): SubgraphResilience {
  const settings = resolveResilienceSettings(options.settings);
  assertBreakerSubgraphs(settings.perSubgraph, options.subgraphNames);
  const { metrics } = options;
  const breakers = new Map(
    options.subgraphNames.map((name) => [
      name,
      createSubgraphBreaker({
        name,
        settings: breakerSettingsFor(settings, name),
        metrics,
        logger: options.logger,
      }),
    ]),
  );
  return {
    metrics,
    settings,
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
