import { createMemoryRevocationStore } from "./memoryRevocationStore.js";
import { createRedisRevocationStore } from "./redisRevocationStore.js";
import type { AccessTokenClaims } from "./tokens.js";

/**
 * Access tokens are stateless, so ending a session early needs a list of what no longer counts.
 * Entries only have to outlive the tokens they cover, hence `until`.
 */
export type Revocation =
  | {
      kind: "session";
      sessionId: string;
      /** Epoch seconds after which the entry may be forgotten (the longest access-token lifetime). */
      until: number;
    }
  | {
      kind: "user";
      userId: string;
      /** Tokens with `iat < issuedBefore` are revoked. */
      issuedBefore: number;
      /** Epoch seconds after which the entry may be forgotten. */
      until: number;
    };

export interface RevocationStore {
  revoke(revocation: Revocation): Promise<void>;
  /** Rejects when the store cannot answer; the caller decides whether that denies the request. */
  isRevoked(claims: AccessTokenClaims): Promise<boolean>;
  close(): Promise<void>;
}

/**
 * Redis when a URL is configured, so every replica sees every revocation; otherwise a store that
 * only this process knows about, which is enough for a single-instance development stack.
 */
export function createRevocationStore(redisUrl: string | undefined): RevocationStore {
  return redisUrl === undefined ? createMemoryRevocationStore() : createRedisRevocationStore(redisUrl);
}
