import { STATUS_CODES } from "node:http";
import type { Socket } from "node:net";
import { ApolloServerErrorCode } from "@apollo/server/errors";
import { ErrorCode, isPublicErrorCode } from "@logicore/errors";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "pino";

/** What the shell answers when it refuses a request before (or instead of) GraphQL. */
export interface HttpRefusal {
  status: number;
  message: string;
  /** A public code (`BAD_REQUEST`, `NOT_FOUND`, ...): clients branch on it as on any GraphQL error. */
  code: string;
}

/** A GraphQL request error: what clients of `/graphql` already parse, so one shape serves every refusal. */
function graphQLErrorBody(refusal: Pick<HttpRefusal, "message" | "code">) {
  return { errors: [{ message: refusal.message, extensions: { code: refusal.code } }] };
}

export interface HttpErrorOptions {
  /** The body limit in force, quoted in the 413 message. */
  bodyLimitBytes: number;
}

const INTERNAL: HttpRefusal = {
  status: 500,
  message: "Internal server error",
  code: ErrorCode.INTERNAL_SERVER_ERROR,
};

/**
 * The public answer to an error raised by the HTTP layer, or undefined when it is unexpected (a bug,
 * to be logged with its stack and answered 500). Fastify's own errors are matched by their stable
 * `code` and reworded: their messages name the framework and the fix is ours to explain.
 */
function refusalFor(error: unknown, options: HttpErrorOptions): HttpRefusal | undefined {
  const { code, statusCode } = (error ?? {}) as { code?: unknown; statusCode?: unknown };
  switch (code) {
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      // secure-json-parse refuses these keys (prototype pollution) with the same error as bad JSON.
      return badRequest(
        "The request body must be valid JSON, without __proto__ or constructor.prototype keys",
      );
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return badRequest("The request body is empty; send a JSON object with a `query`");
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return badRequest("The request body does not match its content-length");
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return {
        status: 413,
        message: `The request body is larger than the limit of ${options.bodyLimitBytes} bytes`,
        code: ApolloServerErrorCode.BAD_REQUEST,
      };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return {
        status: 415,
        message: "Unsupported content-type; send the request body as application/json",
        code: ApolloServerErrorCode.BAD_REQUEST,
      };
    case "FST_ERR_BAD_URL":
      return badRequest("The request URL is not valid (malformed percent-encoding)");
    case "FST_ERR_MAX_PARAM_LENGTH":
      return { status: 414, message: "The request URL is too long", code: ApolloServerErrorCode.BAD_REQUEST };
  }
  // Our own errors (a GraphQLError with a public code, e.g. RATE_LIMITED from a hook) keep their words.
  const { extensions, message } = (error ?? {}) as { extensions?: { code?: unknown }; message?: unknown };
  const status = typeof statusCode === "number" ? statusCode : undefined;
  if (isPublicErrorCode(extensions?.code) && extensions.code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    if (typeof message === "string") return { status: status ?? 400, message, code: extensions.code };
  }
  if (status !== undefined && status >= 400 && status < 500) return refusalForStatus(status);
  return undefined;
}

/** A refusal worded from its status alone, for 4xx errors whose own message is not ours to show. */
function refusalForStatus(status: number): HttpRefusal {
  return { status, message: STATUS_CODES[status] ?? "Bad Request", code: codeForStatus(status) };
}

function codeForStatus(status: number): string {
  switch (status) {
    case 401:
      return ErrorCode.UNAUTHENTICATED;
    case 403:
      return ErrorCode.FORBIDDEN;
    case 404:
      return ErrorCode.NOT_FOUND;
    case 429:
      return ErrorCode.RATE_LIMITED;
    default:
      return ApolloServerErrorCode.BAD_REQUEST;
  }
}

function badRequest(message: string): HttpRefusal {
  return { status: 400, message, code: ApolloServerErrorCode.BAD_REQUEST };
}

/** Sends a refusal; an unexpected error is logged with its stack and becomes a bare 500. */
export function replyWithError(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
  options: HttpErrorOptions,
): FastifyReply {
  const refusal = refusalFor(error, options);
  if (refusal === undefined) request.log.error({ err: error }, "unexpected error in the HTTP layer");
  else request.log.debug({ err: error }, "request refused");
  return sendRefusal(reply, refusal ?? INTERNAL);
}

export function sendRefusal(reply: FastifyReply, refusal: HttpRefusal): FastifyReply {
  return reply.code(refusal.status).type("application/json; charset=utf-8").send(graphQLErrorBody(refusal));
}

/** Methods a route may exist for; the not-found handler asks which of them a path answers. */
const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
/** Only literal paths are looked up: the router would read `:`, `*` or `(` in a URL as a pattern. */
const LITERAL_PATH = /^[A-Za-z0-9/_.-]*$/;

/**
 * A request that matches no route: 405 with `Allow` when the path exists under other methods (a PUT
 * to /graphql), else 404.
 */
export function notFoundRefusal(
  request: FastifyRequest,
  routeExists: (method: (typeof METHODS)[number], path: string) => boolean,
): HttpRefusal & { allow?: string } {
  const path = request.url.split("?", 1)[0] ?? "";
  const allowed = LITERAL_PATH.test(path) ? METHODS.filter((method) => routeExists(method, path)) : [];
  if (allowed.length === 0) {
    return {
      status: 404,
      message: "There is nothing at this path; GraphQL is served at /graphql",
      code: ErrorCode.NOT_FOUND,
    };
  }
  const allow = allowed.join(", ");
  return {
    status: 405,
    message: `Method not allowed here; this path accepts ${allow}`,
    code: ApolloServerErrorCode.BAD_REQUEST,
    allow,
  };
}

/**
 * Fastify's `clientErrorHandler`: the request was not even valid HTTP (bad request line, headers too
 * large, too slow to arrive), so there is no request to reply to, only a socket to write to and close.
 */
export function createClientErrorHandler(logger: Logger) {
  return (error: Error & { code?: string }, socket: Socket): void => {
    // A reset connection has nobody left to answer.
    if (error.code === "ECONNRESET" || socket.destroyed) return;
    const refusal = clientRefusal(error.code);
    logger.debug({ err: error }, "malformed HTTP request");
    if (socket.writable) {
      const body = JSON.stringify(graphQLErrorBody(refusal));
      socket.write(
        `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status]}\r\n` +
          "Connection: close\r\n" +
          "Content-Type: application/json; charset=utf-8\r\n" +
          `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    }
    socket.destroy(error);
  };
}

function clientRefusal(code: string | undefined): HttpRefusal {
  switch (code) {
    case "ERR_HTTP_REQUEST_TIMEOUT":
      return {
        status: 408,
        message: "The request took too long to arrive",
        code: ApolloServerErrorCode.BAD_REQUEST,
      };
    case "HPE_HEADER_OVERFLOW":
      return {
        status: 431,
        message: "The request headers are too large",
        code: ApolloServerErrorCode.BAD_REQUEST,
      };
    default:
      return badRequest("The request is not valid HTTP");
  }
}
