import { ErrorCode, type HttpErrorHead, unauthorizedHttp } from "@logicore/errors";
import type { HttpApp } from "@logicore/service";
import type { Logger } from "pino";
import { verifyCaller } from "../authorization/verifyCaller.js";
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

/**
 * `GET /circuit-breakers`: every subgraph's circuit state, failure rate and counts, for ADMINs only.
 * Settings and failure rates tell an attacker which subgraph is closest to tipping over. The token
 * is checked as for GraphQL requests (verifyCaller), and refused with the same status, challenge and
 * body shape (`{ errors: [{ message, extensions: { code } }] }`) as every other refusal.
 */
export function registerCircuitBreakersRoute(app: HttpApp, options: CircuitBreakersRouteOptions): void {
  app.get(options.path ?? "/circuit-breakers", async (request, reply) => {
    const { auth, logger } = options;
    let viewer: Awaited<ReturnType<typeof verifyCaller>>;
    try {
      viewer = await verifyCaller(request.headers.authorization, { auth, logger, requestId: request.id });
    } catch (error) {
      if (!isAnyGraphQLError(error)) throw error;
      // `http` becomes the response's status and headers; the other extensions are the client's (`reason`).
      const { http, ...extensions } = error.extensions as { http?: HttpErrorHead; code?: unknown };
      for (const [name, value] of http?.headers ?? []) void reply.header(name, value);
      return reply.code(http?.status ?? 500).send({ errors: [{ message: error.message, extensions }] });
    }
    if (viewer === null) {
      const { status, headers } = unauthorizedHttp({ tokenPresented: false });
      return reply
        .code(status)
        .headers(headers ?? {})
        .send(refusalBody(ErrorCode.UNAUTHENTICATED, "Authentication is required"));
    }
    if (viewer.role !== "ADMIN") {
      return reply.code(403).send(refusalBody(ErrorCode.FORBIDDEN, "Only an ADMIN may see circuit breakers"));
    }
    return reply.header("cache-control", "no-store").send({ subgraphs: options.statuses() });
  });
}

/** A refusal as clients of `/graphql` already parse it. */
function refusalBody(code: string, message: string) {
  return { errors: [{ message, extensions: { code } }] };
}
