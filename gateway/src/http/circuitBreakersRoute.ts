import { authenticate } from "@logicore/auth";
import { ErrorCode } from "@logicore/errors";
import type { HttpApp } from "@logicore/service";
import type { Logger } from "pino";
import type { GatewayAuthOptions } from "../gatewayContext.js";
import { isAnyGraphQLError } from "../graphqlRuntime.js";
import type { CircuitStatus } from "../resilience/subgraphBreaker.js";

export interface CircuitBreakersRouteOptions {
  /** Subgraph name -> its breaker's current status. */
  statuses: () => Record<string, CircuitStatus>;
  /** The gateway's token verifier: the same check as for GraphQL requests. */
  auth: GatewayAuthOptions;
  logger: Logger;
  /** @default "/circuit-breakers" */
  path?: string;
}

const CHALLENGE = 'Bearer realm="logicore"';

/**
 * `GET /circuit-breakers`: every subgraph's circuit state, failure rate and counts, for ADMINs only.
 * Settings and failure rates tell an attacker which subgraph is closest to tipping over.
 */
export function registerCircuitBreakersRoute(app: HttpApp, options: CircuitBreakersRouteOptions): void {
  app.get(options.path ?? "/circuit-breakers", async (request, reply) => {
    const { authorization } = request.headers;
    let viewer: Awaited<ReturnType<typeof authenticate>>;
    try {
      viewer = await authenticate(authorization, options.auth);
    } catch (error) {
      if (isAnyGraphQLError(error) && error.extensions.code === ErrorCode.UNAUTHENTICATED) {
        return reply
          .code(401)
          .header("www-authenticate", `${CHALLENGE}, error="invalid_token"`)
          .send({ error: ErrorCode.UNAUTHENTICATED, message: error.message });
      }
      options.logger.error({ err: error, requestId: request.id }, "could not check the access token");
      return reply.code(503).send({ error: ErrorCode.SERVICE_UNAVAILABLE });
    }
    if (viewer === null) {
      return reply
        .code(401)
        .header("www-authenticate", CHALLENGE)
        .send({ error: ErrorCode.UNAUTHENTICATED, message: "Authentication is required" });
    }
    if (viewer.role !== "ADMIN") {
      return reply
        .code(403)
        .send({ error: ErrorCode.FORBIDDEN, message: "Only an ADMIN may see circuit breakers" });
    }
    return reply.header("cache-control", "no-store").send({ subgraphs: options.statuses() });
  });
}
