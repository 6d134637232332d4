import type { SubgraphBreaker } from "../resilience/subgraphBreaker.js";
import type { UpstreamStep } from "./pipeline.js";

export interface BreakerStepOptions {
  /** The subgraph's circuit breaker, shared by every call to it (see createSubgraphResilience). */
  breaker: Pick<SubgraphBreaker, "call">;
}

/**
 * Runs each attempt through the subgraph's circuit breaker: refused at once while the circuit is
 * open, so a down subgraph costs its callers nothing; otherwise counted towards opening it.
 */
export function breakerStep(options: BreakerStepOptions): UpstreamStep {
  const { breaker } = options;
  return (call, next) => breaker.call(() => next(call));
}
