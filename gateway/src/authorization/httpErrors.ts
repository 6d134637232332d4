import type { ASTNode, GraphQLError } from "graphql";
import { type AnyGraphQLError, graphqlRuntime } from "../graphqlRuntime.js";

/** RFC 6750 §3: a 401 names the scheme; a refused token also says why, so clients know to refresh. */
const CHALLENGE = 'Bearer realm="logicore"';
const INVALID_TOKEN_CHALLENGE = `${CHALLENGE}, error="invalid_token"`;

export interface HttpErrorOptions {
  /** HTTP status of the whole response. */
  status: number;
  /** Where in the operation the error is, shown to the client as `locations`. */
  nodes?: ASTNode;
  /** Whether the request carried a token (a 401 then says it was refused). @default false */
  tokenPresented?: boolean;
  /** More response headers (lower-case names), e.g. a 429's `retry-after`. @default {} */
  headers?: Readonly<Record<string, string>>;
}

/**
 * `error` (from any copy of graphql) as a GraphQLError Apollo Server recognises, with
 * `extensions.http`: Apollo Server sends it as the response's status and headers, never to the
 * client. A 401 also gets its `WWW-Authenticate` challenge.
 */
export function asHttpError(error: AnyGraphQLError, options: HttpErrorOptions): GraphQLError {
  const headers = new Map<string, string>(Object.entries(options.headers ?? {}));
  if (options.status === 401) {
    headers.set("www-authenticate", options.tokenPresented ? INVALID_TOKEN_CHALLENGE : CHALLENGE);
  }
  return new graphqlRuntime.GraphQLError(error.message, {
    ...(options.nodes ? { nodes: options.nodes } : {}),
    extensions: { ...error.extensions, http: { status: options.status, headers } },
  });
}

/** A refused token (UNAUTHENTICATED from `authenticate`) as a 401 with its challenge. */
export function refusedTokenError(error: AnyGraphQLError): GraphQLError {
  return asHttpError(error, { status: 401, tokenPresented: true });
}
