import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccessTokenClaims, RevocationStore } from "../../src/index.js";
import { tokenFor } from "./tokens.js";

const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Claims of a fresh token, with a session and user of its own unless given. */
function claims(overrides: Partial<AccessTokenClaims> = {}): AccessTokenClaims {
  return {
    ...tokenFor("CUSTOMER", crypto.randomUUID(), crypto.randomUUID()).claims,
    ...overrides,
  };
}

async function untilPassed(epochSeconds: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, epochSeconds * 1000 - Date.now() + 50));
}

/** What every RevocationStore must do, run against each implementation. */
export function describeRevocationStore(name: string, create: () => RevocationStore): void {
  describe(`${name} revocation store`, () => {
    let store: RevocationStore;
    beforeAll(() => {
      store = create();
    });
    afterAll(async () => {
      await store.close();
    });

    it("revokes every token of a session, and nothing else", async () => {
      const token = claims();
      const sibling = claims({ sid: token.sid, sub: token.sub, jti: crypto.randomUUID() });
      const otherSession = claims({ sub: token.sub });
      expect(await store.isRevoked(token)).toBe(false);

      await store.revoke({ kind: "session", sessionId: token.sid, until: nowSeconds() + 900 });

      expect(await store.isRevoked(token)).toBe(true);
      expect(await store.isRevoked(sibling)).toBe(true);
      expect(await store.isRevoked(otherSession)).toBe(false);
    });

    it("revokes a user's tokens issued before the cut-off, and not later ones or other users'", async () => {
      const cutoff = nowSeconds();
      const older = claims({ iat: cutoff - 60 });
      const newer = claims({ sub: older.sub, iat: cutoff });
      const someoneElse = claims({ iat: cutoff - 60 });

      await store.revoke({
        kind: "user",
        userId: older.sub.toUpperCase(),
        issuedBefore: cutoff,
        until: cutoff + 900,
      });

      expect(await store.isRevoked(older)).toBe(true);
      expect(await store.isRevoked(newer)).toBe(false);
      expect(await store.isRevoked(someoneElse)).toBe(false);
    });

    it("never loosens a user's cut-off with an older one", async () => {
      const cutoff = nowSeconds();
      const token = claims({ iat: cutoff - 30 });
      await store.revoke({ kind: "user", userId: token.sub, issuedBefore: cutoff, until: cutoff + 900 });
      await store.revoke({ kind: "user", userId: token.sub, issuedBefore: cutoff - 60, until: cutoff + 840 });
      expect(await store.isRevoked(token)).toBe(true);
    });

    it("ignores revocations whose time has already passed", async () => {
      const token = claims();
      await store.revoke({ kind: "session", sessionId: token.sid, until: nowSeconds() - 1 });
      await store.revoke({
        kind: "user",
        userId: token.sub,
        issuedBefore: token.iat + 1,
        until: nowSeconds() - 1,
      });
      expect(await store.isRevoked(token)).toBe(false);
    });

    it("forgets entries once their `until` has passed", async () => {
      const bySession = claims();
      const byUser = claims();
      const until = nowSeconds() + 1;
      await store.revoke({ kind: "session", sessionId: bySession.sid, until });
      await store.revoke({ kind: "user", userId: byUser.sub, issuedBefore: byUser.iat + 1, until });
      expect(await store.isRevoked(bySession)).toBe(true);
      expect(await store.isRevoked(byUser)).toBe(true);

      await untilPassed(until);

      expect(await store.isRevoked(bySession)).toBe(false);
      expect(await store.isRevoked(byUser)).toBe(false);
    });
  });
}
