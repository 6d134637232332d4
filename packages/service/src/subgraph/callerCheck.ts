import { ErrorCode } from "@logicore/errors";
import type { FastifyRequest } from "fastify";
import type { HttpApp } from "../createGraphQLHttpServer.js";
import { sendRefusal } from "../httpErrors.js";

/**
 * What a caller check says of one request: who sent it is proven, with the client's address, or
 * not. The shape of `verifyGatewayProof`'s result (@logicore/auth), which the shell need not know.
 */
export type CallerCheckResult =
  | { readonly ok: true; readonly claims: { readonly clientAddress: string } }
  | { readonly ok: false; readonly reason: string };

/** Checks one GraphQL request from its headers and the exact text of its body ("" without one). */
export type CallerCheck = (headers: FastifyRequest["headers"], rawBody: string) => CallerCheckResult;

export interface CallerCheckOptions {
  /** The GraphQL endpoint's path: health, metrics and every other route stay open. */
  endpoint: string;
  check: CallerCheck;
}

// Per request, kept beside it rather than on it: nothing else can set them.
const rawBodies = new WeakMap<FastifyRequest, string>();
const provenAddresses = new WeakMap<FastifyRequest, string>();

/**
 * The client's address as the caller check proved it (the gateway's proof), else the TCP peer's.
 * Never `x-forwarded-for`: anyone reaching the port can write that.
 */
export function clientAddressOf(request: FastifyRequest): string {
  return provenAddresses.get(request) || request.ip;
}

/**
 * Refuses every request to `endpoint` the check does not accept, with 401 UNAUTHENTICATED, before
 * any GraphQL runs. JSON bodies are kept as received text, as the check must see the very bytes
 * that were signed; they are then parsed exactly as fastify's own parser does. Register before
 * any route.
 */
export function registerCallerCheck(app: HttpApp, options: CallerCheckOptions): void {
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    rawBodies.set(request, body as string);
    parseJson(request, body as string, done);
  });
  app.addHook("preValidation", async (request, reply) => {
    if (request.routeOptions.url !== options.endpoint) return;
    const result = options.check(request.headers, rawBodies.get(request) ?? "");
    if (result.ok) {
      provenAddresses.set(request, result.claims.clientAddress);
      return;
    }
    request.log.info({ reason: result.reason }, "refused a request that did not come through the gateway");
    return sendRefusal(reply, {
      status: 401,
      code: ErrorCode.UNAUTHENTICATED,
      message: "Requests to this subgraph must come through the gateway",
    });
  });
}
