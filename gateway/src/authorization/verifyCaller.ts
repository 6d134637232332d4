import { type AuthenticatedViewer, authenticate } from "@logicore/auth";
import { ErrorCode, unauthorizedHttp } from "@logicore/errors";
import type { GraphQLError } from "graphql";
import type { Logger } from "pino";
import type { GatewayAuthOptions } from "../gatewayContext.js";
import { isAnyGraphQLError, runtimeCodedError } from "../graphqlRuntime.js";

export interface VerifyCallerOptions {
  auth: GatewayAuthOptions;
  logger: Logger;
  requestId: string;
  /** Runs before a refused token is answered (the context spends the address's budget). @default none */
  beforeRefusal?: () => Promise<void>;
}

/**
 * The caller behind an `authorization` header: null without a token. The one token check of the
 * gateway, for GraphQL requests and its own routes alike. A refused token (invalid, expired,
 * revoked) throws 401 UNAUTHENTICATED with its challenge; a revocation store that cannot answer
 * throws 503 SERVICE_UNAVAILABLE, since the token may have been revoked.
 */
export async function verifyCaller(
  authorization: string | undefined,
  options: VerifyCallerOptions,
): Promise<AuthenticatedViewer | null> {
  try {
    return await authenticate(authorization, options.auth);
  } catch (error) {
    if (isAnyGraphQLError(error) && error.extensions.code === ErrorCode.UNAUTHENTICATED) {
      await options.beforeRefusal?.();
      throw runtimeCodedError(ErrorCode.UNAUTHENTICATED, error.message, {
        extensions: error.extensions,
        http: unauthorizedHttp({ tokenPresented: true }),
      });
    }
    options.logger.error({ err: error, requestId: options.requestId }, "could not check the access token");
    throw unavailable();
  }
}

function unavailable(): GraphQLError {
  return runtimeCodedError(
    ErrorCode.SERVICE_UNAVAILABLE,
    "Sign-in cannot be checked right now; try again shortly",
    { http: { status: 503 } },
  );
}
