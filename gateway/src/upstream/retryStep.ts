import type { Logger } from "pino";
import type { GatewayMetrics } from "../resilience/gatewayMetrics.js";
import { DEFAULT_BREAKER_SETTINGS } from "../resilience/resilienceSettings.js";
import type { CircuitState } from "../resilience/subgraphBreaker.js";
import { operationKindOf } from "./operationKind.js";
import type { UpstreamStep } from "./pipeline.js";
import { createRetryPolicy, type RetryPolicy } from "./retryPolicy.js";
import { classifySubgraphFailure } from "./subgraphFailure.js";

export interface RetryStepOptions {
  /** Backoff, jitter and how many retries (SUBGRAPH_RETRIES). @default createRetryPolicy() */
  policy?: RetryPolicy;
  /** REQUEST_TIMEOUT: the budget of one client request, from its arrival. @default 2 * attemptTimeoutMs */
  requestTimeoutMs?: number;
  /** SERVICE_TIMEOUT: the longest one attempt can take, as the timeout step enforces it. @default 5000 */
  attemptTimeoutMs?: number;
  /** The state of the subgraph's circuit. @default always closed (no breaker) */
  circuitState?: () => CircuitState;
  /** Counts retries in `subgraphRetries`. */
  metrics: Pick<GatewayMetrics, "subgraphRetries">;
  logger: Logger;
}

/**
 * Retries a query whose attempt failed because the subgraph is unhealthy, within the client
 * request's budget (see createRetryPolicy). Each retry goes through every step after this one again:
 * timed, through the breaker, with its own timeout and headers.
 */
export function retryStep(options: RetryStepOptions): UpstreamStep {
  const { metrics, logger } = options;
  const retry = options.policy ?? createRetryPolicy();
  const attemptTimeoutMs = options.attemptTimeoutMs ?? DEFAULT_BREAKER_SETTINGS.timeoutMs;
  const requestTimeoutMs = options.requestTimeoutMs ?? attemptTimeoutMs * 2;
  const circuitState = options.circuitState ?? (() => "closed");
  return (call, next) => {
    const { request, context, serviceName } = call;
    return retry(() => next(call), {
      // The planner's own text says what it sends: a mutation is never sent twice.
      retryable: request.kind === "incoming operation" && operationKindOf(request.request.query) === "query",
      deadline: (context.receivedAt ?? performance.now()) + requestTimeoutMs,
      attemptTimeoutMs,
      // Once the circuit opens, retrying would only be refused (and fail the same way).
      shouldRetry: (failure) => classifySubgraphFailure(failure).outage && circuitState() === "closed",
      onRetry: ({ attempt, delayMs, failure }) => {
        metrics.subgraphRetries.inc({ subgraph: serviceName });
        logger.info(
          { err: failure, serviceName, requestId: context.requestId, attempt, delayMs },
          "retrying subgraph query",
        );
      },
    });
  };
}
