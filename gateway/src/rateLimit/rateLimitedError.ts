import { rateLimited } from "@logicore/errors";
import type { GraphQLError } from "graphql";
import { asHttpError } from "../authorization/httpErrors.js";

/**
 * HTTP 429 with `Retry-After` (RFC 6585 §4), and the same wait in `extensions.retryAfter`: browser
 * code cannot read Retry-After across origins without it being exposed, but it can read the body.
 */
export function rateLimitedError(retryAfterSeconds: number): GraphQLError {
  return asHttpError(rateLimited(`Too many requests; retry in ${retryAfterSeconds} s`, retryAfterSeconds), {
    status: 429,
    headers: { "retry-after": String(retryAfterSeconds) },
  });
}
