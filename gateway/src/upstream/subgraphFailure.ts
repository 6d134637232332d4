import { ErrorCode } from "@logicore/errors";
import type { SubgraphFetchOutcome } from "../observability/observabilityMetrics.js";

/** What a client is told when a call to a subgraph failed. */
export type SubgraphFailureCode =
  | typeof ErrorCode.SUBGRAPH_UNAVAILABLE
  | typeof ErrorCode.UNAUTHENTICATED
  | typeof ErrorCode.FORBIDDEN;

/** What a failed subgraph call means, for each step that acts on it. */
export interface SubgraphFailure {
  /**
   * How the attempt ended, in a handful of values: fit for a metric label, and enough to tell a slow
   * subgraph (timeout) from a down one (network_error) from a broken one (http_error, also an answer
   * beyond the gateway's bounds: see SubgraphAnswerError).
   */
  readonly outcome: Exclude<SubgraphFetchOutcome, "success">;
  /**
   * Whether the subgraph is unhealthy, and so the failure counts against its circuit breaker and
   * may be retried: no connection, a timeout, a 5xx, a body that is not a GraphQL response or one
   * the gateway cannot use (too large, the wrong number of entities). A
   * 4xx (a bad token, a forbidden call) is an answer about the request, not the service; a GraphQL
   * error in a 200 response never throws and so never gets here.
   */
  readonly outage: boolean;
  /** 401/403 keep their meaning; everything else means the service cannot answer right now. */
  readonly code: SubgraphFailureCode;
}

/** A subgraph fetch that took longer than its SERVICE_TIMEOUT and was aborted. */
export class SubgraphTimeoutError extends Error {
  override name = "SubgraphTimeoutError";
  readonly code = "ETIMEDOUT";
  constructor(serviceName: string, timeoutMs: number) {
    super(`${serviceName} did not answer within ${timeoutMs}ms`);
  }
}

/**
 * A subgraph answered, but with something the gateway refuses to use: a body over
 * SUBGRAPH_MAX_RESPONSE_BYTES, or a response that does not fit the query plan. The message is for
 * the logs; the client only learns that the service is unavailable.
 */
export class SubgraphAnswerError extends Error {
  override name = "SubgraphAnswerError";
  constructor(
    serviceName: string,
    readonly reason: "too_large" | "entities_mismatch",
    detail: string,
  ) {
    super(`${serviceName} answered unusably: ${detail}`);
  }
}

/**
 * Classifies an error thrown while calling a subgraph (as opposed to GraphQL errors it answered
 * with): the one reading of a failure that the breaker, the retries, the metrics and the error the
 * client sees all share.
 */
export function classifySubgraphFailure(failure: unknown): SubgraphFailure {
  const status = httpStatusOf(failure);
  return { outcome: outcomeOf(failure, status), outage: isOutage(failure, status), code: codeOf(status) };
}

function codeOf(status: number | undefined): SubgraphFailureCode {
  switch (status) {
    case 401:
      return ErrorCode.UNAUTHENTICATED;
    case 403:
      return ErrorCode.FORBIDDEN;
    default:
      return ErrorCode.SUBGRAPH_UNAVAILABLE;
  }
}

function outcomeOf(failure: unknown, status: number | undefined): SubgraphFailure["outcome"] {
  if (failure instanceof SubgraphTimeoutError) return "timeout";
  // opossum refuses a call while the circuit is open with this code, without touching the network.
  if ((failure as { code?: unknown } | null)?.code === "EOPENBREAKER") return "circuit_open";
  if (status !== undefined || failure instanceof SubgraphAnswerError) return "http_error";
  return "network_error";
}

/** Socket-level errors: the subgraph, or the path to it, is down. */
const NETWORK_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPIPE",
  "ETIMEDOUT",
]);

function isOutage(failure: unknown, status: number | undefined): boolean {
  if (status !== undefined) return status >= 500;
  if (failure instanceof SubgraphAnswerError) return true;
  const { code, type, message } = (failure ?? {}) as { code?: unknown; type?: unknown; message?: unknown };
  // make-fetch-happen's FetchError: `system` wraps socket errors, `invalid-json` a body JSON.parse refused.
  if (type === "system" || type === "invalid-json" || type === "body-timeout") return true;
  if (typeof code === "string" && NETWORK_ERROR_CODES.has(code)) return true;
  // RemoteGraphQLDataSource's complaint about a 200 whose body is not a JSON object (an HTML page).
  return typeof message === "string" && message.startsWith("Expected JSON response body");
}

/**
 * RemoteGraphQLDataSource reports a non-2xx answer as a GraphQLError carrying
 * `extensions.response.status`. Read structurally: the gateway's graphql module instance may not
 * be ours, so `instanceof GraphQLError` is not reliable.
 */
function httpStatusOf(failure: unknown): number | undefined {
  const status = (failure as { extensions?: { response?: { status?: unknown } } } | null)?.extensions
    ?.response?.status;
  return typeof status === "number" ? status : undefined;
}
