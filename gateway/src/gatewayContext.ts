import type { KeyObject } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import type { AuthenticatedViewer, RevocationStore } from "@logicore/auth";
import { activeTraceContext } from "@logicore/service";
import type { Logger } from "pino";
import { verifyCaller } from "./authorization/verifyCaller.js";
import { type TraceContext, traceContextFrom } from "./observability/traceContext.js";
import type { ClientRateLimiter, RateLimitedClient } from "./rateLimit/clientRateLimiter.js";
import { rateLimitedError } from "./rateLimit/rateLimitedError.js";
import type { SubgraphCall } from "./upstream/metricsStep.js";

/** What the gateway knows about one client request; the data sources forward it to subgraphs. */
export interface GatewayContext {
  /** The request id the client sent (`x-request-id`) or one made up for it: one id in every log. */
  readonly requestId: string;
  /** The `authorization` header as received, relayed so subgraphs verify the same token. */
  readonly authorization?: string;
  /** The caller's address as the gateway saw it; subgraphs throttle sign-ins per address. */
  readonly clientAddress: string;
  /** Who sent a valid, unrevoked access token; null for anonymous callers. */
  readonly viewer: AuthenticatedViewer | null;
  /**
   * When the request arrived (`performance.now()`): subgraph retries must fit in the time left of
   * its REQUEST_TIMEOUT budget.
   */
  readonly receivedAt: number;
  /** The client's W3C trace (`traceparent`) or a new one: every subgraph fetch joins it. */
  readonly trace: TraceContext;
  /** Every subgraph fetch attempt made for this request, appended as each ends, for its log line. */
  readonly subgraphCalls: SubgraphCall[];
}

/** The parts of the HTTP request the context is built from. */
export interface IncomingRequest {
  readonly id: string;
  readonly ip: string;
  readonly headers: IncomingHttpHeaders;
}

export interface GatewayAuthOptions {
  /** Verifies access tokens (ES256): JWT_PUBLIC_KEY, or the development key pair's public half. */
  publicKey: KeyObject;
  /** Required `iss` claim (JWT_ISSUER). */
  issuer: string;
  /** Required `aud` claim (JWT_AUDIENCE). */
  audience: string;
  /** Revoked sessions and users; Redis-backed when shared by several replicas. */
  revocations: RevocationStore;
}

export interface GatewayContextOptions {
  auth: GatewayAuthOptions;
  /** Receives failures to check a token (the revocation store not answering). */
  logger: Logger;
  /** Every GraphQL request spends its user's or, without a valid token, its address's budget. */
  rateLimiter: ClientRateLimiter;
}

/**
 * Builds the per-request context. A request with an invalid, expired or revoked token fails here,
 * with 401 UNAUTHENTICATED, before its operation is even parsed: no subgraph hears of it. When
 * the revocation store cannot answer, the token may have been revoked: 503, and nothing gets in.
 * Over its rate limit, a request fails here too, with 429 RATE_LIMITED: limits are checked after
 * the one token verification, since a user's budget needs to know who it is.
 */
export function createGatewayContext(
  options: GatewayContextOptions,
): (request: IncomingRequest) => Promise<GatewayContext> {
  const { auth, logger, rateLimiter } = options;
  const spendBudget = async (client: RateLimitedClient) => {
    const decision = await rateLimiter.consume(client);
    if (!decision.allowed) throw rateLimitedError(decision.retryAfterSeconds);
  };
  return async (request) => {
    const receivedAt = performance.now();
    const { authorization } = request.headers;
    const anonymous: RateLimitedClient = { kind: "anonymous", address: request.ip };
    // A refused token spends its address's budget, so garbage tokens cannot get around it; over
    // that budget, 429 wins over 401.
    const viewer = await verifyCaller(authorization, {
      auth,
      logger,
      requestId: request.id,
      beforeRefusal: () => spendBudget(anonymous),
    });
    await spendBudget(viewer === null ? anonymous : { kind: "user", id: viewer.id, role: viewer.role });
    return {
      requestId: request.id,
      ...(authorization !== undefined ? { authorization } : {}),
      clientAddress: request.ip,
      viewer,
      receivedAt,
      // With tracing on, the request's span already holds the trace (the client's, or a new one).
      trace: activeTraceContext() ?? traceContextFrom(request.headers.traceparent),
      subgraphCalls: [],
    };
  };
}
