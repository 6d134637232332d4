import { ErrorCode } from "@logicore/errors";

export interface SubgraphFailure {
  code: typeof ErrorCode.SUBGRAPH_UNAVAILABLE | typeof ErrorCode.UNAUTHENTICATED | typeof ErrorCode.FORBIDDEN;
  /** Safe for clients: names the service, never its URL or the library's message. */
  message: string;
}

/**
 * Classifies an error thrown while calling a subgraph (as opposed to GraphQL errors it answered
 * with). 401/403 keep their meaning; everything else (refused connection, timeout, 5xx, a body
 * that is not JSON) means the service cannot answer right now.
 */
export function classifySubgraphFailure(serviceName: string, failure: unknown): SubgraphFailure {
  switch (httpStatusOf(failure)) {
    case 401:
      return { code: ErrorCode.UNAUTHENTICATED, message: "Authentication is required" };
    case 403:
      return { code: ErrorCode.FORBIDDEN, message: "You are not allowed to do this" };
    default:
      return { code: ErrorCode.SUBGRAPH_UNAVAILABLE, message: `The ${serviceName} service is unavailable` };
  }
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

/**
 * Whether a failed subgraph call means the subgraph is unhealthy, and so counts against its
 * circuit breaker and may be retried: no connection, a timeout, a 5xx, or a body that is not a
 * GraphQL response. A 4xx (a bad token, a forbidden call) is an answer about the request, not the
 * service; a GraphQL error in a 200 response never throws and so never gets here.
 */
export function isSubgraphOutage(failure: unknown): boolean {
  const status = httpStatusOf(failure);
  if (status !== undefined) return status >= 500;
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
export function httpStatusOf(failure: unknown): number | undefined {
  const status = (failure as { extensions?: { response?: { status?: unknown } } } | null)?.extensions
    ?.response?.status;
  return typeof status === "number" ? status : undefined;
}
