import CircuitBreaker from "opossum";
import type { Logger } from "pino";
import type { GatewayMetrics } from "./gatewayMetrics.js";
import type { BreakerSettings } from "./resilienceSettings.js";

export type CircuitState = "closed" | "halfOpen" | "open";

const GAUGE_VALUE: Record<CircuitState, number> = { closed: 0, halfOpen: 1, open: 2 };

export interface SubgraphBreakerOptions {
  /** The subgraph's name: `subgraph` label of the metrics, `serviceName` in logs. */
  name: string;
  /** Timeout, thresholds and windows (see BreakerSettings for each default). */
  settings: BreakerSettings;
  /**
   * Whether a failed call means the subgraph is unhealthy. Anything else (a 401, a 403) is the
   * caller's problem and counts as a success: a burst of bad tokens must not cut a subgraph off.
   */
  isOutage: (failure: unknown) => boolean;
  metrics: GatewayMetrics;
  logger: Logger;
}

export interface CircuitStatus {
  state: CircuitState;
  /** Failed calls among those that reached the subgraph in the rolling window, in percent. */
  failureRate: number;
  lastChange: string;
  stats: { calls: number; successes: number; failures: number; rejections: number; timeouts: number };
  settings: BreakerSettings;
}

export interface SubgraphBreaker {
  readonly name: string;
  readonly state: CircuitState;
  readonly settings: BreakerSettings;
  /**
   * Runs one fetch: refused at once (EOPENBREAKER) while the circuit is open, otherwise given a
   * signal that aborts it after `settings.timeoutMs`, when it rejects with SubgraphTimeoutError.
   */
  call<T>(fetch: (signal: AbortSignal) => Promise<T>): Promise<T>;
  status(): CircuitStatus;
  /** Stops the breaker's timers; calls fail afterwards. */
  shutdown(): void;
}

/** A subgraph fetch that took longer than its SERVICE_TIMEOUT and was aborted. */
export class SubgraphTimeoutError extends Error {
  override name = "SubgraphTimeoutError";
  readonly code = "ETIMEDOUT";
  constructor(serviceName: string, timeoutMs: number) {
    super(`${serviceName} did not answer within ${timeoutMs}ms`);
  }
}

/** Whether `failure` is an open circuit's refusal, as opposed to a failed call. */
export const isOpenCircuitRefusal = (failure: unknown): boolean =>
  (failure as { code?: unknown } | null)?.code === "EOPENBREAKER";

/** One opossum circuit breaker for one subgraph, with its metrics and state-change logs. */
export function createSubgraphBreaker(options: SubgraphBreakerOptions): SubgraphBreaker {
  const { name, settings, metrics, logger } = options;
  const labels = { subgraph: name };

  const withTimeout = <T>(fetch: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    // Aborting ends the HTTP request (its socket is dropped) rather than leaving it to run on in
    // the background; the race also ends the wait should anything ignore the signal.
    const timedOut = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        const error = new SubgraphTimeoutError(name, settings.timeoutMs);
        reject(error);
        controller.abort(error);
        breaker.emit("timeout", error);
      }, settings.timeoutMs);
    });
    return Promise.race([fetch(controller.signal), timedOut]).finally(() => clearTimeout(timer));
  };

  const breaker = new CircuitBreaker(withTimeout, {
    name,
    // The timeout is ours (above): opossum's would stop waiting without aborting the request.
    timeout: false,
    errorThresholdPercentage: settings.errorThresholdPercent,
    resetTimeout: settings.resetTimeoutMs,
    volumeThreshold: settings.volumeThreshold,
    rollingCountTimeout: settings.rollingWindowMs,
    rollingCountBuckets: 10,
    errorFilter: (failure: unknown) => !options.isOutage(failure),
  });

  let lastChange = new Date();
  const stateOf = (): CircuitState => (breaker.opened ? "open" : breaker.halfOpen ? "halfOpen" : "closed");
  const failureRate = (): number => {
    const { successes, failures } = breaker.stats;
    return successes + failures === 0 ? 0 : Math.round((failures / (successes + failures)) * 1000) / 10;
  };
  const changed = (state: CircuitState) => {
    lastChange = new Date();
    metrics.circuitState.set(labels, GAUGE_VALUE[state]);
  };

  breaker.on("open", () => {
    changed("open");
    metrics.circuitOpens.inc(labels);
    logger.warn(
      { serviceName: name, failureRate: failureRate(), resetTimeoutMs: settings.resetTimeoutMs },
      "circuit opened: failing fast",
    );
  });
  breaker.on("halfOpen", () => {
    changed("halfOpen");
    logger.info({ serviceName: name }, "circuit half-open: probing");
  });
  breaker.on("close", () => {
    changed("closed");
    logger.info({ serviceName: name }, "circuit closed");
  });
  breaker.on("reject", () => metrics.circuitRejections.inc(labels));
  breaker.on("timeout", () => metrics.subgraphTimeouts.inc(labels));

  return {
    name,
    get state() {
      return stateOf();
    },
    settings,
    call: <T>(fetch: (signal: AbortSignal) => Promise<T>) =>
      // opossum types `fire` by the action's (erased) generic; the result is what `fetch` returns.
      breaker.fire(fetch) as Promise<T>,
    status: () => {
      const { fires, successes, failures, rejects, timeouts } = breaker.stats;
      return {
        state: stateOf(),
        failureRate: failureRate(),
        lastChange: lastChange.toISOString(),
        stats: { calls: fires, successes, failures, rejections: rejects, timeouts },
        settings,
      };
    },
    shutdown: () => breaker.shutdown(),
  };
}
