import { GraphQLError, type GraphQLErrorOptions } from "graphql";
import type { PublicErrorCode } from "./codes.js";

declare module "graphql" {
  interface GraphQLErrorExtensions {
    /**
     * The HTTP status and headers of a response that failed with this error. Apollo Server sends them
     * as the response's own and removes `http` before the error reaches the client.
     */
    http?: HttpErrorHead;
  }
}

/** `extensions.http` as Apollo Server reads it: it iterates `headers`, so they are a Map. */
export interface HttpErrorHead {
  readonly status: number;
  readonly headers?: ReadonlyMap<string, string>;
}

export interface HttpErrorOptions {
  /** HTTP status of the whole response. */
  status: number;
  /** More response headers (lower-case names), e.g. a 429's `retry-after`. @default none */
  headers?: Readonly<Record<string, string>>;
}

export interface CodedErrorOptions extends Pick<GraphQLErrorOptions, "nodes" | "source" | "positions"> {
  /** The argument or input field at fault (e.g. `input.email`), as `extensions.field`. @default none */
  field?: string;
  /** The response's status and headers, for transports that honour `extensions.http`. @default none */
  http?: HttpErrorOptions;
  /** More public extensions, after `code` and `field` (e.g. `retryAfter`, `reason`, `limit`). @default {} */
  extensions?: Readonly<Record<string, unknown>>;
}

/** Builds a GraphQLError whose `extensions` start with `code`; see `codedErrorBuilder`. */
export type CodedError = (
  code: PublicErrorCode,
  message: string,
  options?: CodedErrorOptions,
) => GraphQLError;

/**
 * The one way LogiCore builds an error: `extensions` are `code`, then `field`, then the extras, then
 * `http` (which Apollo Server turns into the response's status and headers). The class is a
 * parameter because a process may hold two copies of graphql, and Apollo Server recognises errors of
 * its own copy only: the gateway binds it to that copy (`gateway/src/graphqlRuntime.ts`).
 */
export function codedErrorBuilder(ErrorClass: typeof GraphQLError): CodedError {
  return (code, message, options = {}) => {
    const { field, http, extensions, nodes, source, positions } = options;
    return new ErrorClass(message, {
      ...(nodes ? { nodes } : {}),
      ...(source ? { source } : {}),
      ...(positions ? { positions } : {}),
      extensions: {
        code,
        ...(field !== undefined ? { field } : {}),
        ...extensions,
        ...(http ? { http: httpHead(http) } : {}),
      },
    });
  };
}

function httpHead({ status, headers }: HttpErrorOptions): HttpErrorHead {
  return headers === undefined ? { status } : { status, headers: new Map(Object.entries(headers)) };
}

/** `codedErrorBuilder` bound to the copy of graphql this package imports: right for subgraphs. */
export const codedError: CodedError = codedErrorBuilder(GraphQLError);

/** RFC 6750 §3: a 401 names the scheme; a refused token also says why, so clients know to refresh. */
const CHALLENGE = 'Bearer realm="logicore"';
const INVALID_TOKEN_CHALLENGE = `${CHALLENGE}, error="invalid_token"`;

/**
 * The `http` of a 401 with its `WWW-Authenticate` challenge; `tokenPresented` says the request
 * carried a token, which was refused (`error="invalid_token"`).
 */
export function unauthorizedHttp(options: { tokenPresented: boolean }): HttpErrorOptions {
  return {
    status: 401,
    headers: { "www-authenticate": options.tokenPresented ? INVALID_TOKEN_CHALLENGE : CHALLENGE },
  };
}
