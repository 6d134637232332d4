import { isOpenCircuitRefusal, SubgraphTimeoutError } from "../resilience/subgraphBreaker.js";
import { httpStatusOf } from "../subgraphFailure.js";
import type { SubgraphFetchOutcome } from "./observabilityMetrics.js";

/** One subgraph fetch attempt of a client request, as its log line lists it. */
export interface SubgraphCall {
  readonly subgraph: string;
  readonly durationMs: number;
  readonly outcome: SubgraphFetchOutcome;
}

/**
 * How a failed fetch attempt ended, in a handful of values: fit for a metric label, and enough to
 * tell a slow subgraph (timeout) from a down one (network_error) from a broken one (http_error).
 */
export function subgraphFetchOutcomeOf(failure: unknown): Exclude<SubgraphFetchOutcome, "success"> {
  if (failure instanceof SubgraphTimeoutError) return "timeout";
  if (isOpenCircuitRefusal(failure)) return "circuit_open";
  if (httpStatusOf(failure) !== undefined) return "http_error";
  return "network_error";
}
