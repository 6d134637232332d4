import { setTimeout as sleep } from "node:timers/promises";
import { DEFAULT_SUBGRAPH_RETRIES } from "../resilience/resilienceSettings.js";

export interface RetryPolicyOptions {
  /** Retries after the first attempt (SUBGRAPH_RETRIES). @default 2 */
  retries?: number;
  /** First backoff ceiling; it doubles per retry. @default 50 */
  baseDelayMs?: number;
  /** Largest backoff ceiling. @default 1000 */
  maxDelayMs?: number;
  /** Source of jitter, in [0, 1). @default Math.random */
  random?: () => number;
  /** Clock of deadlines, in ms. @default performance.now */
  now?: () => number;
}

export interface RetryCall {
  /** Queries only: a mutation that failed may still have happened, and must not happen twice. */
  retryable: boolean;
  /** When the client request's budget runs out, on the `now` clock. */
  deadline: number;
  /** The longest one attempt can take (its SERVICE_TIMEOUT). */
  attemptTimeoutMs: number;
  /** Whether this failure is worth another attempt (the subgraph may recover; its circuit is closed). */
  shouldRetry: (failure: unknown) => boolean;
  /** Told before each retry (for metrics and logs). */
  onRetry?: (retry: { attempt: number; delayMs: number; failure: unknown }) => void;
}

export type RetryPolicy = <T>(attempt: () => Promise<T>, call: RetryCall) => Promise<T>;

/**
 * Exponential backoff with full jitter (a random delay up to base * 2^n, capped), so replicas
 * retrying against a recovering subgraph spread out instead of arriving in waves. A retry starts
 * only if its delay plus one whole attempt still fits before the deadline: a retry that would be cut
 * off half-way only adds load to a struggling subgraph.
 */
export function createRetryPolicy(options: RetryPolicyOptions = {}): RetryPolicy {
  const retries = options.retries ?? DEFAULT_SUBGRAPH_RETRIES;
  const baseDelayMs = options.baseDelayMs ?? 50;
  const maxDelayMs = options.maxDelayMs ?? 1000;
  const random = options.random ?? Math.random;
  const now = options.now ?? (() => performance.now());

  return async (attempt, call) => {
    for (let retry = 0; ; retry++) {
      try {
        return await attempt();
      } catch (failure) {
        if (!call.retryable || retry >= retries || !call.shouldRetry(failure)) throw failure;
        const delayMs = Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** retry));
        if (now() + delayMs + call.attemptTimeoutMs > call.deadline) throw failure;
        call.onRetry?.({ attempt: retry + 1, delayMs, failure });
        if (delayMs > 0) await sleep(delayMs);
      }
    }
  };
}
