import { GraphQLError } from "graphql";
import { ErrorCode } from "./codes.js";

/** Invalid input. `field` names the argument or input field at fault (e.g. `input.email`). */
export function badUserInput(field: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.BAD_USER_INPUT, field } });
}

export function notFound(entity: string, id: string, field = "id"): GraphQLError {
  return new GraphQLError(`${entity} ${JSON.stringify(id)} was not found`, {
    extensions: { code: ErrorCode.NOT_FOUND, field },
  });
}

export function conflict(field: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.CONFLICT, field } });
}

export function unauthenticated(message = "Authentication is required"): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

export function forbidden(message = "You are not allowed to do this"): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

export function rateLimited(message: string, retryAfterSeconds: number): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.RATE_LIMITED, retryAfter: retryAfterSeconds },
  });
}
