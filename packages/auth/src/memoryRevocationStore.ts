import type { Revocation, RevocationStore } from "./revocation.js";
import type { AccessTokenClaims } from "./tokens.js";

interface UserCutoff {
  issuedBefore: number;
  until: number;
}

const isLive = (until: number) => Date.now() < until * 1000;

/**
 * Revocations held in this process only: right for one instance and for tests, wrong for several
 * replicas (each would know only its own). Entries are dropped once their `until` has passed.
 */
export function createMemoryRevocationStore(): RevocationStore {
  const sessions = new Map<string, number>();
  const users = new Map<string, UserCutoff>();

  // Sweeping on write keeps the maps bounded by the revocations of one token lifetime.
  const forgetExpired = () => {
    for (const [id, until] of sessions) if (!isLive(until)) sessions.delete(id);
    for (const [id, cutoff] of users) if (!isLive(cutoff.until)) users.delete(id);
  };

  return {
    async revoke(revocation: Revocation) {
      forgetExpired();
      if (!isLive(revocation.until)) return;
      switch (revocation.kind) {
        case "session": {
          const known = sessions.get(revocation.sessionId) ?? 0;
          sessions.set(revocation.sessionId, Math.max(known, revocation.until));
          return;
        }
        case "user": {
          const id = revocation.userId.toLowerCase();
          const known = users.get(id);
          // A later, narrower call must never shorten or loosen an earlier cut-off.
          users.set(id, {
            issuedBefore: Math.max(known?.issuedBefore ?? 0, revocation.issuedBefore),
            until: Math.max(known?.until ?? 0, revocation.until),
          });
          return;
        }
        default: {
          const unknown: never = revocation;
          throw new TypeError(`Unknown revocation ${JSON.stringify(unknown)}`);
        }
      }
    },

    async isRevoked(claims: AccessTokenClaims) {
      const sessionUntil = sessions.get(claims.sid);
      if (sessionUntil !== undefined && isLive(sessionUntil)) return true;
      const cutoff = users.get(claims.sub.toLowerCase());
      return cutoff !== undefined && isLive(cutoff.until) && claims.iat < cutoff.issuedBefore;
    },

    async close() {
      sessions.clear();
      users.clear();
    },
  };
}
