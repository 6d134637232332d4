/**
 * The one public vocabulary of error codes, shared by the gateway and every subgraph. Clients
 * branch on `extensions.code`, so a code, once shipped, is never renamed.
 */
export const ErrorCode = {
  UNAUTHENTICATED: "UNAUTHENTICATED",
  FORBIDDEN: "FORBIDDEN",
  BAD_USER_INPUT: "BAD_USER_INPUT",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  RATE_LIMITED: "RATE_LIMITED",
  /** An operation over one of the gateway's limits (depth, aliases, cost, ...); `extensions.limit` names it. */
  OPERATION_LIMIT_EXCEEDED: "OPERATION_LIMIT_EXCEEDED",
  SUBGRAPH_UNAVAILABLE: "SUBGRAPH_UNAVAILABLE",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
  INTERNAL_SERVER_ERROR: "INTERNAL_SERVER_ERROR",
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/**
 * Codes that Apollo Server itself emits for malformed requests; they are safe to pass through, and
 * LogiCore raises some of them itself where it refuses a request the way Apollo Server would.
 */
export const ApolloRequestErrorCode = {
  GRAPHQL_PARSE_FAILED: "GRAPHQL_PARSE_FAILED",
  GRAPHQL_VALIDATION_FAILED: "GRAPHQL_VALIDATION_FAILED",
  BAD_REQUEST: "BAD_REQUEST",
  PERSISTED_QUERY_NOT_FOUND: "PERSISTED_QUERY_NOT_FOUND",
  PERSISTED_QUERY_NOT_SUPPORTED: "PERSISTED_QUERY_NOT_SUPPORTED",
  OPERATION_RESOLUTION_FAILURE: "OPERATION_RESOLUTION_FAILURE",
} as const;

export type ApolloRequestErrorCode = (typeof ApolloRequestErrorCode)[keyof typeof ApolloRequestErrorCode];

export const APOLLO_REQUEST_ERROR_CODES: ReadonlySet<string> = new Set(Object.values(ApolloRequestErrorCode));

/** Every code a client may see; anything else is hidden as INTERNAL_SERVER_ERROR by `hideInternalErrors`. */
export type PublicErrorCode = ErrorCode | ApolloRequestErrorCode;

const publicCodes: ReadonlySet<string> = new Set<string>([
  ...Object.values(ErrorCode),
  ...APOLLO_REQUEST_ERROR_CODES,
]);

export function isPublicErrorCode(code: unknown): code is string {
  return typeof code === "string" && publicCodes.has(code);
}
