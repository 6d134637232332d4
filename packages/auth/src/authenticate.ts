import type { KeyObject } from "node:crypto";
import { authenticationFailed } from "./authenticationFailed.js";
import type { RevocationStore } from "./revocation.js";
import { type Permission, permissionsForRole, type Role } from "./roles.js";
import { verifyAccessToken } from "./tokens.js";

/** The caller behind a verified access token. */
export interface AuthenticatedViewer {
  /** User id, lower-case uuid. */
  id: string;
  role: Role;
  permissions: readonly Permission[];
  sessionId: string;
  tokenId: string;
  /** iat, epoch seconds. */
  issuedAt: number;
}

export interface Verifier {
  publicKey: KeyObject;
  issuer: string;
  audience: string;
  /** Consulted after the signature checks out; without it revoked tokens live until they expire. */
  revocations?: RevocationStore;
}

// RFC 7235: the scheme is case-insensitive and the credentials one token68, no spaces.
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/**
 * `Authorization` header to viewer. No header (or an empty one) is an anonymous caller: `null`.
 * Anything else that does not yield a live token throws UNAUTHENTICATED with a reason: "malformed"
 * (not `Bearer <token>`), "invalid", "expired" or "revoked". A revocation store that cannot answer
 * makes this reject with the store's error, not UNAUTHENTICATED: the token may be fine.
 */
export async function authenticate(
  authorization: string | undefined,
  verifier: Verifier,
): Promise<AuthenticatedViewer | null> {
  const header = authorization?.trim() ?? "";
  if (header === "") return null;
  const token = BEARER.exec(header)?.[1];
  if (token === undefined) throw authenticationFailed("malformed");
  const claims = verifyAccessToken(token, verifier.publicKey, verifier);
  if (verifier.revocations && (await verifier.revocations.isRevoked(claims))) {
    throw authenticationFailed("revoked");
  }
  // Never more than the role grants today, should the role table shrink while tokens are out.
  const granted = permissionsForRole(claims.role);
  return {
    id: claims.sub.toLowerCase(),
    role: claims.role,
    permissions: claims.permissions.filter((permission) => granted.includes(permission)),
    sessionId: claims.sid,
    tokenId: claims.jti,
    issuedAt: claims.iat,
  };
}
