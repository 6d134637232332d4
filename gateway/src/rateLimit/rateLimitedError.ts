import { ErrorCode } from "@logicore/errors";
import type { GraphQLError } from "graphql";
import { runtimeCodedError } from "../graphqlRuntime.js";

/**
 * HTTP 429 with `Retry-After` (RFC 6585 §4), and the same wait in `extensions.retryAfter`: browser
 * code cannot read Retry-After across origins without it being exposed, but it can read the body.
 */
export function rateLimitedError(retryAfterSeconds: number): GraphQLError {
  return runtimeCodedError(ErrorCode.RATE_LIMITED, `Too many requests; retry in ${retryAfterSeconds} s`, {
    extensions: { retryAfter: retryAfterSeconds },
    http: { status: 429, headers: { "retry-after": String(retryAfterSeconds) } },
  });
}
