import { Redis } from "ioredis";
import type { Revocation, RevocationStore } from "./revocation.js";
import type { AccessTokenClaims } from "./tokens.js";

export interface RedisRevocationStoreOptions {
  /** Prefix of every key this store reads and writes. @default "logicore:revoked:" */
  keyPrefix?: string;
  /** How long one Redis command may take before `revoke` or `isRevoked` rejects. @default 1000 */
  commandTimeoutMs?: number;
}

// Keeps the later cut-off when two user revocations race, so a slow writer cannot loosen one.
const REVOKE_USER_SCRIPT = `
local current = tonumber(redis.call('GET', KEYS[1]))
if current == nil or current < tonumber(ARGV[1]) then
  redis.call('SET', KEYS[1], ARGV[1], 'EXAT', ARGV[2])
end
return 0`;

/**
 * Revocations shared by every replica. Keys expire on their own at `until` (SET ... EXAT), so the
 * set never needs sweeping. `isRevoked` is one MGET round trip, and rejects when Redis cannot
 * answer in time instead of waiting for it to come back: fail closed, the caller decides.
 */
export function createRedisRevocationStore(
  redisUrl: string,
  options: RedisRevocationStoreOptions = {},
): RevocationStore {
  const { keyPrefix = "logicore:revoked:", commandTimeoutMs = 1000 } = options;
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, commandTimeout: commandTimeoutMs });
  // Connection errors surface as rejected commands; without a listener ioredis would also print
  // every reconnect failure as an unhandled error event.
  redis.on("error", () => {});

  const sessionKey = (sessionId: string) => `${keyPrefix}session:${sessionId}`;
  const userKey = (userId: string) => `${keyPrefix}user:${userId.toLowerCase()}`;

  return {
    async revoke(revocation: Revocation) {
      const until = Math.ceil(revocation.until);
      // EXAT in the past would be an error or an instant delete; either way there is nothing to keep.
      if (Date.now() >= until * 1000) return;
      switch (revocation.kind) {
        case "session":
          await redis.set(sessionKey(revocation.sessionId), "1", "EXAT", until);
          return;
        case "user":
          await redis.eval(REVOKE_USER_SCRIPT, 1, userKey(revocation.userId), revocation.issuedBefore, until);
          return;
        default: {
          const unknown: never = revocation;
          throw new TypeError(`Unknown revocation ${JSON.stringify(unknown)}`);
        }
      }
    },

    async isRevoked(claims: AccessTokenClaims) {
      const [session, user] = await redis.mget(sessionKey(claims.sid), userKey(claims.sub));
      if (session !== null && session !== undefined) return true;
      return user !== null && user !== undefined && claims.iat < Number(user);
    },

    async close() {
      if (redis.status === "ready") await redis.quit();
      else redis.disconnect();
    },
  };
}
