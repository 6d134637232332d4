import type { GraphQLError } from "graphql";
import { codedError } from "./codedError.js";
import { ErrorCode } from "./codes.js";

/** Invalid input. `field` names the argument or input field at fault (e.g. `input.email`). */
export function badUserInput(field: string, message: string): GraphQLError {
  return codedError(ErrorCode.BAD_USER_INPUT, message, { field });
}

export function notFound(entity: string, id: string, field = "id"): GraphQLError {
  return codedError(ErrorCode.NOT_FOUND, `${entity} ${JSON.stringify(id)} was not found`, { field });
}

export function conflict(field: string, message: string): GraphQLError {
  return codedError(ErrorCode.CONFLICT, message, { field });
}

export function unauthenticated(message = "Authentication is required"): GraphQLError {
  return codedError(ErrorCode.UNAUTHENTICATED, message);
}

export function forbidden(message = "You are not allowed to do this"): GraphQLError {
  return codedError(ErrorCode.FORBIDDEN, message);
}

export function rateLimited(message: string, retryAfterSeconds: number): GraphQLError {
  return codedError(ErrorCode.RATE_LIMITED, message, { extensions: { retryAfter: retryAfterSeconds } });
}
