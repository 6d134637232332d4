import type { ObservabilityMetrics, SubgraphFetchOutcome } from "../observability/observabilityMetrics.js";
import type { UpstreamStep } from "./pipeline.js";
import { classifySubgraphFailure } from "./subgraphFailure.js";

/** One subgraph fetch attempt of a client request, as its log line lists it. */
export interface SubgraphCall {
  readonly subgraph: string;
  readonly durationMs: number;
  readonly outcome: SubgraphFetchOutcome;
}

export interface MetricsStepOptions {
  /** Where each attempt's duration and outcome are recorded. */
  observability: Pick<ObservabilityMetrics, "subgraphFetchDuration" | "subgraphFetchErrors">;
  /** Clock of durations, in ms. @default performance.now */
  now?: () => number;
}

/**
 * Times each attempt into the fetch metrics and, for a client request, into its list of subgraph
 * calls. Outside the breaker, so a call the open circuit refused is counted too (`circuit_open`).
 */
export function metricsStep(options: MetricsStepOptions): UpstreamStep {
  const { observability } = options;
  const now = options.now ?? (() => performance.now());
  return async (call, next) => {
    const startedAt = now();
    const record = (outcome: SubgraphFetchOutcome) => {
      const durationMs = now() - startedAt;
      const labels = { subgraph: call.serviceName, outcome };
      observability.subgraphFetchDuration.observe(labels, durationMs / 1000);
      if (outcome !== "success") observability.subgraphFetchErrors.inc(labels);
      call.context.subgraphCalls?.push({
        subgraph: call.serviceName,
        durationMs: Math.round(durationMs * 100) / 100,
        outcome,
      });
    };
    try {
      const response = await next(call);
      record("success");
      return response;
    } catch (failure) {
      record(classifySubgraphFailure(failure).outcome);
      throw failure;
    }
  };
}
