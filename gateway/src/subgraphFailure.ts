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
