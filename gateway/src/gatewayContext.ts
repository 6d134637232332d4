import type { IncomingHttpHeaders } from "node:http";
import { DEV_USER_HEADER as DEV_USER_ID_HEADER, type Mode } from "@logicore/service";

export { DEV_USER_ID_HEADER };

/** What the gateway knows about one client request; the data sources forward it to subgraphs. */
export interface GatewayContext {
  /** The request id the client sent (`x-request-id`) or one made up for it: one id in every log. */
  readonly requestId: string;
  /** The `authorization` header as received; subgraphs verify it, the gateway only relays it. */
  readonly authorization?: string;
  /** The dev user id header; only ever set in development. */
  readonly devUserId?: string;
}

/** The parts of the HTTP request the context is built from. */
export interface IncomingRequest {
  readonly id: string;
  readonly headers: IncomingHttpHeaders;
}

/** Builds the per-request context; in production the dev user header is never even read. */
export function createGatewayContext(mode: Mode): (request: IncomingRequest) => Promise<GatewayContext> {
  return async (request) => {
    const { authorization } = request.headers;
    const devUserId = mode === "development" ? request.headers[DEV_USER_ID_HEADER] : undefined;
    return {
      requestId: request.id,
      ...(authorization !== undefined ? { authorization } : {}),
      ...(typeof devUserId === "string" && devUserId !== "" ? { devUserId } : {}),
    };
  };
}
