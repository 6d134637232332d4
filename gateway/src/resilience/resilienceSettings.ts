/** How one subgraph's circuit breaker behaves. */
export interface BreakerSettings {
  /** SERVICE_TIMEOUT: how long one fetch may take before it is aborted. @default 5000 */
  readonly timeoutMs: number;
  /** ERROR_THRESHOLD: failure percentage in the rolling window above which the circuit opens. @default 50 */
  readonly errorThresholdPercent: number;
  /** CIRCUIT_RESET_TIMEOUT: how long an open circuit waits before letting one probe through. @default 30000 */
  readonly resetTimeoutMs: number;
  /**
   * CIRCUIT_VOLUME_THRESHOLD: calls the rolling window must hold before the circuit may open, so
   * two failures after a quiet night do not cut a subgraph off. @default 5
   */
  readonly volumeThreshold: number;
  /** CIRCUIT_ROLLING_WINDOW: how far back the failure rate looks (ten buckets). @default 10000 */
  readonly rollingWindowMs: number;
}

export const DEFAULT_BREAKER_SETTINGS: BreakerSettings = Object.freeze({
  timeoutMs: 5000,
  errorThresholdPercent: 50,
  resetTimeoutMs: 30_000,
  volumeThreshold: 5,
  rollingWindowMs: 10_000,
});

/** SUBGRAPH_RETRIES: retries after a failed query fetch; mutations are never retried. */
export const DEFAULT_SUBGRAPH_RETRIES = 2;

/** SUBGRAPH_MAX_RESPONSE_BYTES: the largest body read from a subgraph (4 MiB). */
export const DEFAULT_SUBGRAPH_MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** Breakers, timeouts and retries around every subgraph fetch. */
export interface ResilienceSettings {
  /** The settings of every subgraph's breaker, unless overridden below. */
  readonly breaker: BreakerSettings;
  /**
   * Lower-cased subgraph name -> the settings that differ for it (`ORDERS_SERVICE_TIMEOUT`, ...).
   * @default {}
   */
  readonly perSubgraph: Readonly<Record<string, Partial<BreakerSettings>>>;
  /** SUBGRAPH_RETRIES: retries after a failed query fetch; mutations are never retried. @default 2 */
  readonly retries: number;
  /**
   * REQUEST_TIMEOUT: the time budget of one client request, from its arrival. A retry starts only
   * if its backoff plus a whole SERVICE_TIMEOUT still fit in what is left. @default 2 * timeoutMs
   */
  readonly requestTimeoutMs: number;
  /**
   * SUBGRAPH_MAX_RESPONSE_BYTES: the largest body read from a subgraph; a larger one is cut off
   * while it streams in and fails the call as an unhealthy subgraph's. Left out when not set, and
   * read as DEFAULT_SUBGRAPH_MAX_RESPONSE_BYTES (4 MiB) by the data source. @default 4194304
   */
  readonly maxResponseBytes?: number;
}

/** What callers may leave out; `resolveResilienceSettings` fills in the defaults. */
export interface ResilienceOptions {
  breaker?: Partial<BreakerSettings>;
  perSubgraph?: Readonly<Record<string, Partial<BreakerSettings>>>;
  retries?: number;
  requestTimeoutMs?: number;
  maxResponseBytes?: number;
}

export function resolveResilienceSettings(options: ResilienceOptions = {}): ResilienceSettings {
  const breaker = { ...DEFAULT_BREAKER_SETTINGS, ...options.breaker };
  return Object.freeze({
    breaker: Object.freeze(breaker),
    perSubgraph: Object.freeze({ ...options.perSubgraph }),
    retries: options.retries ?? DEFAULT_SUBGRAPH_RETRIES,
    requestTimeoutMs: options.requestTimeoutMs ?? breaker.timeoutMs * 2,
    ...(options.maxResponseBytes !== undefined ? { maxResponseBytes: options.maxResponseBytes } : {}),
  });
}

/** Subgraph names match case-insensitively, with `-` and `_` alike, as they come from variables. */
export const normalizeSubgraphName = (name: string): string => name.toLowerCase().replaceAll("-", "_");

/** The breaker settings of one subgraph: its overrides over the shared ones. */
export function breakerSettingsFor(settings: ResilienceSettings, subgraphName: string): BreakerSettings {
  const wanted = normalizeSubgraphName(subgraphName);
  const override = Object.entries(settings.perSubgraph).find(
    ([name]) => normalizeSubgraphName(name) === wanted,
  )?.[1];
  return { ...settings.breaker, ...override };
}
