import { type KeyObject, randomUUID } from "node:crypto";
import jwt from "jsonwebtoken";
import { authenticationFailed } from "./authenticationFailed.js";
import { isPermission, isRole, type Permission, permissionsForRole, type Role } from "./roles.js";

/** The payload of every access token; `verifyAccessToken` returns exactly these fields. */
export interface AccessTokenClaims {
  /** User id (uuid). */
  sub: string;
  role: Role;
  permissions: Permission[];
  /** Token id, unique per token. */
  jti: string;
  /** Session (refresh-token family) id, the unit of revocation. */
  sid: string;
  iss: string;
  aud: string;
  /** Issued at, epoch seconds. */
  iat: number;
  /** Expires at, epoch seconds. */
  exp: number;
}

export interface TokenSettings {
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
}

export interface AccessTokenSubject {
  userId: string;
  role: Role;
  sessionId: string;
}

// The one algorithm accepted: pinning it is what defeats "alg: none" and HS256-with-the-public-key.
const ALGORITHM = "ES256";
const CLOCK_TOLERANCE_SECONDS = 5;
// Ours are well under 1 KiB; anything far larger is refused before any parsing work.
const MAX_TOKEN_LENGTH = 8192;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MAX_ID_LENGTH = 128;

export function signAccessToken(
  subject: AccessTokenSubject,
  privateKey: KeyObject,
  settings: TokenSettings,
): { token: string; claims: AccessTokenClaims; expiresIn: number } {
  // A token with a subject verifyAccessToken would refuse is a bug here, not a client's problem.
  if (!UUID.test(subject.userId)) throw new TypeError("signAccessToken: userId must be a uuid");
  if (!isId(subject.sessionId)) throw new TypeError("signAccessToken: sessionId must be a non-empty id");
  const iat = Math.floor(Date.now() / 1000);
  const claims: AccessTokenClaims = {
    sub: subject.userId,
    role: subject.role,
    permissions: [...permissionsForRole(subject.role)],
    jti: randomUUID(),
    sid: subject.sessionId,
    iss: settings.issuer,
    aud: settings.audience,
    iat,
    exp: iat + settings.accessTokenTtlSeconds,
  };
  const token = jwt.sign({ ...claims }, privateKey, { algorithm: ALGORITHM });
  return { token, claims, expiresIn: settings.accessTokenTtlSeconds };
}

function isId(value: unknown): value is string {
  return typeof value === "string" && value.length > 0 && value.length <= MAX_ID_LENGTH;
}

function isEpochSeconds(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0;
}

function claimsOf(
  payload: unknown,
  settings: { issuer: string; audience: string },
): AccessTokenClaims | null {
  if (typeof payload !== "object" || payload === null) return null;
  const { sub, role, permissions, jti, sid, iss, aud, iat, exp } = payload as Record<string, unknown>;
  if (typeof sub !== "string" || !UUID.test(sub) || !isRole(role)) return null;
  if (!Array.isArray(permissions) || !permissions.every(isPermission)) return null;
  if (!isId(jti) || !isId(sid) || iss !== settings.issuer || aud !== settings.audience) return null;
  if (!isEpochSeconds(iat) || !isEpochSeconds(exp) || exp <= iat) return null;
  return { sub, role, permissions: [...permissions], jti, sid, iss, aud, iat, exp };
}

/**
 * Accepts only an unexpired ES256 token signed by `publicKey` for this issuer and audience, whose
 * claims have the expected shape. Anything else throws UNAUTHENTICATED with reason "expired" or
 * "invalid"; the library's own message is dropped because it can quote claim values.
 */
export function verifyAccessToken(
  token: string,
  publicKey: KeyObject,
  settings: { issuer: string; audience: string },
): AccessTokenClaims {
  if (token.length > MAX_TOKEN_LENGTH) throw authenticationFailed("invalid");
  let payload: unknown;
  try {
    payload = jwt.verify(token, publicKey, {
      algorithms: [ALGORITHM],
      issuer: settings.issuer,
      audience: settings.audience,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
    });
  } catch (error) {
    throw authenticationFailed(error instanceof jwt.TokenExpiredError ? "expired" : "invalid");
  }
  const claims = claimsOf(payload, settings);
  if (!claims) throw authenticationFailed("invalid");
  return claims;
}
