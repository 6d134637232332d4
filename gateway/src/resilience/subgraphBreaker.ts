import CircuitBreaker from "opossum";
import type { Logger } from "pino";
import { classifySubgraphFailure } from "../upstream/subgraphFailure.js";
import type { GatewayMetrics } from "./gatewayMetrics.js";
import type { BreakerSettings } from "./resilienceSettings.js";

export type CircuitState = "closed" | "halfOpen" | "open";

const GAUGE_VALUE: Record<CircuitState, number> = { closed: 0, halfOpen: 1, open: 2 };

export interface SubgraphBreakerOptions {
  /** The subgraph's name: `subgraph` label of the metrics, `serviceName` in logs. */
  name: string;
  /**
   * Thresholds and windows (see BreakerSettings for each default); `timeoutMs` is the timeout step's,
   * kept here because it is a per-subgraph setting.
   */
  settings: BreakerSettings;
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
   * Runs one attempt: refused at once (EOPENBREAKER) while the circuit is open, otherwise counted
   * as a success, a failure (an outage, see classifySubgraphFailure) or a timeout.
   */
  call<T>(attempt: () => Promise<T>): Promise<T>;
  status(): CircuitStatus;
  /** Stops the breaker's timers; calls fail afterwards. */
  shutdown(): void;
}

/** One opossum circuit breaker for one subgraph, with its metrics and state-change logs. */
export function createSubgraphBreaker(options: SubgraphBreakerOptions): SubgraphBreaker {
  const { name, settings } = options;
  // The timeout step (inside this breaker) aborts a slow attempt; it counts here as a timeout, as
  // one of opossum's own would, and as a failure.
  const countingTimeouts = <T>(attempt: () => Promise<T>): Promise<T> =>
    attempt().catch((failure: unknown) => {
      if (classifySubgraphFailure(failure).outcome === "timeout") breaker.emit("timeout", failure);
      throw failure;
    });
  const breaker = new CircuitBreaker(countingTimeouts, {
    name,
    // The timeout is the timeout step's: opossum's would stop waiting without aborting the request.
    timeout: false,
    errorThresholdPercentage: settings.errorThresholdPercent,
    resetTimeout: settings.resetTimeoutMs,
    volumeThreshold: settings.volumeThreshold,
    rollingCountTimeout: settings.rollingWindowMs,
    rollingCountBuckets: 10,
    // A 401 or a 403 is the caller's problem and counts as a success: a burst of bad tokens must
    // not cut a subgraph off.
    errorFilter: (failure: unknown) => !classifySubgraphFailure(failure).outage,
  });
  const lastChange = reportStateChanges(breaker, options);

  return {
    name,
    get state() {
      return stateOf(breaker);
    },
    settings,
    call: <T>(attempt: () => Promise<T>) =>
      // opossum types `fire` by the action's (erased) generic; the result is what `attempt` returns.
      breaker.fire(attempt) as Promise<T>,
    status: () => {
      const { fires, successes, failures, rejects, timeouts } = breaker.stats;
      return {
        state: stateOf(breaker),
        failureRate: failureRateOf(breaker),
        lastChange: lastChange().toISOString(),
        stats: { calls: fires, successes, failures, rejections: rejects, timeouts },
        settings,
      };
    },
    shutdown: () => breaker.shutdown(),
  };
}

const stateOf = (breaker: CircuitBreaker): CircuitState =>
  breaker.opened ? "open" : breaker.halfOpen ? "halfOpen" : "closed";

function failureRateOf(breaker: CircuitBreaker): number {
  const { successes, failures } = breaker.stats;
  return successes + failures === 0 ? 0 : Math.round((failures / (successes + failures)) * 1000) / 10;
}

/**
 * Keeps the subgraph's circuit metrics and logs its state changes as the breaker reports them.
 * Returns when the state last changed.
 */
function reportStateChanges(breaker: CircuitBreaker, options: SubgraphBreakerOptions): () => Date {
  const { name, settings, metrics, logger } = options;
  const labels = { subgraph: name };
  let lastChange = new Date();
  const changed = (state: CircuitState) => {
    lastChange = new Date();
    metrics.circuitState.set(labels, GAUGE_VALUE[state]);
  };
  breaker.on("open", () => {
    changed("open");
    metrics.circuitOpens.inc(labels);
    logger.warn(
      { serviceName: name, failureRate: failureRateOf(breaker), resetTimeoutMs: settings.resetTimeoutMs },
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
  return () => lastChange;
}
