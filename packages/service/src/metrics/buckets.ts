/**
 * Histogram buckets, in seconds, shared by every deployable so that a dashboard can set a gateway
 * series beside a subgraph one. prom-client wants a mutable array: pass a copy (`[...buckets]`).
 */

/** Requests, operations and subgraph fetches: from 5 ms to 10 s (a cached answer up to REQUEST_TIMEOUT's default). */
export const DURATION_BUCKETS: readonly number[] = Object.freeze([
  0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
]);

/** SQL statements: from 1 ms to 2.5 s, a tenth of the operation scale, as one operation runs several. */
export const DB_QUERY_BUCKETS: readonly number[] = Object.freeze([
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5,
]);
