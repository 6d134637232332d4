import { DEFAULT_BREAKER_SETTINGS } from "../resilience/resilienceSettings.js";
import type { UpstreamStep } from "./pipeline.js";
import { SubgraphTimeoutError } from "./subgraphFailure.js";

export interface TimeoutStepOptions {
  /** SERVICE_TIMEOUT (or `<NAME>_SERVICE_TIMEOUT`): how long one fetch may take. @default 5000 */
  timeoutMs?: number;
}

/**
 * Aborts an attempt that takes longer than `timeoutMs`; it then fails with SubgraphTimeoutError.
 * Inside the breaker step, so the breaker counts the timeout against the subgraph.
 */
export function timeoutStep(options: TimeoutStepOptions = {}): UpstreamStep {
  const timeoutMs = options.timeoutMs ?? DEFAULT_BREAKER_SETTINGS.timeoutMs;
  return async (call, next) => {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // Aborting ends the HTTP request (its socket is dropped) rather than leaving it to run on in
    // the background; the race also ends the wait should anything ignore the signal.
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        const error = new SubgraphTimeoutError(call.serviceName, timeoutMs);
        reject(error);
        controller.abort(error);
      }, timeoutMs);
    });
    return Promise.race([next({ ...call, signal: controller.signal }), timedOut]).finally(() =>
      clearTimeout(timer),
    );
  };
}
