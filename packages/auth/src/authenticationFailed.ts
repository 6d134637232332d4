import { codedError, ErrorCode } from "@logicore/errors";
import type { GraphQLError } from "graphql";

/** Why a presented credential was refused; clients may branch on it (e.g. refresh when "expired"). */
export type AuthenticationFailureReason = "expired" | "invalid" | "malformed" | "revoked";

// Fixed texts only: a message must never echo the token or anything decoded from it.
const messages: Record<AuthenticationFailureReason, string> = {
  expired: "The access token has expired; refresh it or sign in again",
  invalid: "The access token is invalid",
  malformed: 'The Authorization header must have the form "Bearer <token>"',
  revoked: "This session has ended; sign in again",
};

/** UNAUTHENTICATED with the reason and a 401 for HTTP transports that honour `extensions.http`. */
export function authenticationFailed(reason: AuthenticationFailureReason): GraphQLError {
  return codedError(ErrorCode.UNAUTHENTICATED, messages[reason], {
    extensions: { reason },
    http: { status: 401 },
  });
}
