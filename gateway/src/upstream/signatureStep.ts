import { randomUUID } from "node:crypto";
import {
  DEFAULT_GATEWAY_PROOF_TTL_SECONDS,
  GATEWAY_PROOF_HEADER,
  generateGatewayProofKey,
  signGatewayProof,
} from "@logicore/auth";
import { ConfigError, type Mode } from "@logicore/service";
import type { UpstreamRequest, UpstreamStep } from "./pipeline.js";

export interface SignatureStepOptions {
  /** The subgraph's name in the supergraph: the proof's audience. */
  subgraphName: string;
  /** SUBGRAPH_SIGNING_KEY, shared with the subgraphs. */
  key: Buffer;
  /** Seconds each proof is valid; it is made per attempt, so a retry gets a fresh one. @default 30 */
  ttlSeconds?: number;
  /** @default Date.now */
  now?: () => number;
}

/**
 * The body RemoteGraphQLDataSource sends (its `sendRequest`: `JSON.stringify` of the request
 * without `http`, the query first). The subgraph hashes the bytes it receives: if this ever
 * differed from what is sent, every call would be refused, never a wrong one accepted.
 */
export function bodyAsSent(request: UpstreamRequest["request"]): string {
  const { query, http: _http, ...rest } = request;
  return JSON.stringify({ query, ...rest });
}

/**
 * Proves to the subgraph that the gateway sends this call: an HMAC over the subgraph's name, the
 * request id, the client's address and the body (see `signGatewayProof`). Subgraphs refuse any
 * request without one, so reaching their port directly yields nothing.
 */
export function signatureStep(options: SignatureStepOptions): UpstreamStep {
  const ttlSeconds = options.ttlSeconds ?? DEFAULT_GATEWAY_PROOF_TTL_SECONDS;
  const now = options.now ?? Date.now;
  return async (call, next) => {
    // Schema loading and health checks are the gateway's own calls: no client, no address.
    const client = call.request.kind === "incoming operation" ? call.request.context : undefined;
    const proof = signGatewayProof(
      {
        audience: options.subgraphName,
        requestId: client?.requestId ?? randomUUID(),
        clientAddress: client?.clientAddress ?? "",
      },
      { body: bodyAsSent(call.request.request), key: options.key, ttlSeconds, nowMs: now() },
    );
    return next({ ...call, headers: { ...call.headers, [GATEWAY_PROOF_HEADER]: proof } });
  };
}

/**
 * The key given to the gateway, required in production. A development gateway built without one
 * (tests against plain Apollo subgraphs) signs with a random key of its own, which LogiCore's
 * subgraphs refuse unless they were given the same.
 */
export function subgraphSigningKeyOf(options: {
  mode: Mode;
  subgraphSigningKey?: Buffer | undefined;
}): Buffer {
  if (options.subgraphSigningKey !== undefined) return options.subgraphSigningKey;
  if (options.mode === "production") {
    throw new ConfigError(
      "SUBGRAPH_SIGNING_KEY is required in production: subgraphs answer only calls it signs",
    );
  }
  return generateGatewayProofKey();
}
