import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/**
 * The gateway's proof on every subgraph call: subgraphs answer only requests the gateway signed.
 * HMAC-SHA256 with a key the gateway and the subgraphs share (SUBGRAPH_SIGNING_KEY), cheap enough
 * for every fetch. The token is `v1.<payload>.<mac>`, both base64url, the MAC over `v1.<payload>`;
 * the payload is JSON:
 *
 * - `aud`: the subgraph's name, so a proof for one subgraph is worth nothing at another;
 * - `rid`: the client request's id;
 * - `addr`: the client's address as the gateway saw it, the only address a subgraph believes;
 * - `bh`: SHA-256 of the exact request body, so a captured proof cannot carry another query;
 * - `iat` / `exp`: seconds since the epoch; a proof lives a few seconds.
 */
export const GATEWAY_PROOF_HEADER = "x-logicore-gateway-proof";

/** What a proof says about one subgraph request. */
export interface GatewayProofClaims {
  /** The subgraph the request is for (its name in the supergraph). */
  readonly audience: string;
  /** The client request's id (`x-request-id` at the gateway). */
  readonly requestId: string;
  /** The client's address as the gateway saw it; empty for the gateway's own calls. */
  readonly clientAddress: string;
}

/** The keys of SUBGRAPH_SIGNING_KEY: at least 32 random bytes. */
export interface GatewayProofKeys {
  /** Signs, and verifies. */
  readonly current: Buffer;
  /** SUBGRAPH_SIGNING_KEY_PREVIOUS: still verifies during a rotation. @default none */
  readonly previous?: Buffer | undefined;
}

export interface SignGatewayProofOptions {
  /** The exact bytes of the request body the subgraph will receive. */
  body: string;
  key: Buffer;
  /** Seconds the proof is valid. @default 30 */
  ttlSeconds?: number;
  /** @default Date.now() */
  nowMs?: number;
}

export interface VerifyGatewayProofOptions {
  /** This subgraph's name: a proof for another audience is refused. */
  audience: string;
  keys: GatewayProofKeys;
  /** The exact bytes of the request body received. */
  body: string;
  /** Clock difference tolerated between the gateway and the subgraph. @default 5 */
  maxSkewSeconds?: number;
  /** @default Date.now() */
  nowMs?: number;
}

export type GatewayProofResult =
  | { readonly ok: true; readonly claims: GatewayProofClaims }
  | { readonly ok: false; readonly reason: string };

export const DEFAULT_GATEWAY_PROOF_TTL_SECONDS = 30;
const DEFAULT_MAX_SKEW_SECONDS = 5;
// A verifier bounds the lifetime too: even a proof signed with a valid key lives no longer.
const MAX_TTL_SECONDS = 60;
const VERSION = "v1";

/** SHA-256 of a body, base64url: what a proof binds. */
export function gatewayProofBodyHash(body: string): string {
  return createHash("sha256").update(body, "utf8").digest("base64url");
}

function mac(key: Buffer, signed: string): Buffer {
  return createHmac("sha256", key).update(signed).digest();
}

/** The header value proving that the gateway sends `body` to `claims.audience` now. */
export function signGatewayProof(claims: GatewayProofClaims, options: SignGatewayProofOptions): string {
  const iat = Math.floor((options.nowMs ?? Date.now()) / 1000);
  const exp = iat + (options.ttlSeconds ?? DEFAULT_GATEWAY_PROOF_TTL_SECONDS);
  const payload = Buffer.from(
    JSON.stringify({
      aud: claims.audience,
      rid: claims.requestId,
      addr: claims.clientAddress,
      bh: gatewayProofBodyHash(options.body),
      iat,
      exp,
    }),
  ).toString("base64url");
  const signed = `${VERSION}.${payload}`;
  return `${signed}.${mac(options.key, signed).toString("base64url")}`;
}

/** True when `presented` is the MAC of `signed` under one of the keys, compared in constant time. */
function macMatches(keys: GatewayProofKeys, signed: string, presented: Buffer): boolean {
  let matched = false;
  for (const key of [keys.current, keys.previous]) {
    if (key === undefined) continue;
    const expected = mac(key, signed);
    // Every key is tried, so the time taken does not say which one matched.
    if (presented.length === expected.length && timingSafeEqual(presented, expected)) matched = true;
  }
  return matched;
}

interface Payload {
  aud: string;
  rid: string;
  addr: string;
  bh: string;
  iat: number;
  exp: number;
}

function parsePayload(encoded: string): Payload | undefined {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(encoded, "base64url").toString("utf8"));
  } catch {
    return undefined;
  }
  const payload = (value ?? {}) as Record<string, unknown>;
  const strings = ["aud", "rid", "addr", "bh"].every((name) => typeof payload[name] === "string");
  const times = Number.isSafeInteger(payload.iat) && Number.isSafeInteger(payload.exp);
  return strings && times ? (payload as unknown as Payload) : undefined;
}

const refused = (reason: string): GatewayProofResult => ({ ok: false, reason });

/** Checks a proof header: its MAC first, then audience, body, and time. Never throws. */
export function verifyGatewayProof(
  token: string | undefined,
  options: VerifyGatewayProofOptions,
): GatewayProofResult {
  if (token === undefined || token === "") return refused("no proof");
  const parts = token.split(".");
  const [version, payloadPart, macPart] = parts;
  if (parts.length !== 3 || version !== VERSION || !payloadPart || !macPart) return refused("malformed");
  if (!macMatches(options.keys, `${VERSION}.${payloadPart}`, Buffer.from(macPart, "base64url"))) {
    return refused("bad signature");
  }
  const payload = parsePayload(payloadPart);
  if (payload === undefined) return refused("malformed payload");
  if (payload.aud !== options.audience) return refused("other audience");
  if (payload.bh !== gatewayProofBodyHash(options.body)) return refused("other body");
  const now = Math.floor((options.nowMs ?? Date.now()) / 1000);
  const skew = options.maxSkewSeconds ?? DEFAULT_MAX_SKEW_SECONDS;
  if (payload.exp - payload.iat > MAX_TTL_SECONDS || payload.exp < payload.iat) return refused("lifetime");
  if (payload.iat > now + skew) return refused("issued in the future");
  if (payload.exp + skew <= now) return refused("expired");
  return {
    ok: true,
    claims: { audience: payload.aud, requestId: payload.rid, clientAddress: payload.addr },
  };
}

export interface GatewayProofVerifierOptions {
  /** This subgraph's name in the supergraph. */
  audience: string;
  keys: GatewayProofKeys;
  /** @default 5 */
  maxSkewSeconds?: number;
}

/** A subgraph's check of each request: its proof header against the exact body it received. */
export function createGatewayProofVerifier(
  options: GatewayProofVerifierOptions,
): (headers: Readonly<Record<string, string | string[] | undefined>>, body: string) => GatewayProofResult {
  return (headers, body) => {
    const header = headers[GATEWAY_PROOF_HEADER];
    // Two proof headers are one too many: which would the gateway have meant?
    if (Array.isArray(header)) return refused("several proofs");
    return verifyGatewayProof(header, { ...options, body });
  };
}
