import jwt from "jsonwebtoken";
import { describe, expect, it, vi } from "vitest";
import {
  type AccessTokenClaims,
  authenticate,
  createMemoryRevocationStore,
  type RevocationStore,
  type Verifier,
} from "../src/index.js";
import {
  expectUnauthenticated,
  keys,
  settings,
  thrownBy,
  tokenFor,
  USER_ID,
  validPayload,
} from "./support/tokens.js";

const verifier: Verifier = {
  publicKey: keys.publicKey,
  issuer: settings.issuer,
  audience: settings.audience,
};

describe("authenticate", () => {
  it.each([undefined, "", "   "])("treats the header %j as an anonymous caller", async (header) => {
    expect(await authenticate(header, verifier)).toBeNull();
  });

  it("turns a valid bearer token into the viewer", async () => {
    const { token, claims } = tokenFor("MANAGER");
    expect(await authenticate(`Bearer ${token}`, verifier)).toEqual({
      id: USER_ID,
      role: "MANAGER",
      permissions: ["users:read", "users:write", "orders:read", "orders:write"],
      sessionId: claims.sid,
      tokenId: claims.jti,
      issuedAt: claims.iat,
    });
  });

  it("accepts the scheme in any case and surrounding whitespace", async () => {
    const { token } = tokenFor();
    expect(await authenticate(`  bearer ${token} `, verifier)).toMatchObject({ id: USER_ID });
    expect(await authenticate(`BEARER ${token}`, verifier)).toMatchObject({ id: USER_ID });
  });

  it("gives the user id in lower case, however the token spelled it", async () => {
    const { token } = tokenFor("CUSTOMER", USER_ID.toUpperCase());
    expect((await authenticate(`Bearer ${token}`, verifier))?.id).toBe(USER_ID);
  });

  it("grants no permission beyond what the role grants today", async () => {
    const payload = validPayload({ role: "DRIVER", permissions: ["orders:read", "users:write"] });
    const token = jwt.sign(payload, keys.privateKey, { algorithm: "ES256" });
    expect((await authenticate(`Bearer ${token}`, verifier))?.permissions).toEqual(["orders:read"]);
  });

  it.each([
    "Basic dXNlcjpwYXNz",
    "Bearer",
    "Bearer ",
    "Bearer two tokens",
    "Token abc.def.ghi",
    "abc.def.ghi",
    "Bearer\tabc",
    "Bearer abc\u00e9",
  ])("refuses the header %j as malformed", async (header) => {
    expectUnauthenticated(await thrownBy(() => authenticate(header, verifier)), "malformed");
  });

  it("refuses a bearer token that does not verify as invalid", async () => {
    const { token } = tokenFor();
    const tampered = `${token.slice(0, -4)}AAAA`;
    expectUnauthenticated(
      await thrownBy(() => authenticate(`Bearer ${tampered}`, verifier)),
      "invalid",
      tampered,
    );
  });

  it("refuses an expired bearer token as expired", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 3_600_000);
    const { token } = tokenFor();
    vi.useRealTimers();
    expectUnauthenticated(await thrownBy(() => authenticate(`Bearer ${token}`, verifier)), "expired", token);
  });

  it("refuses a token of a revoked session as revoked, and still accepts other sessions", async () => {
    const revocations = createMemoryRevocationStore();
    const withRevocations: Verifier = { ...verifier, revocations };
    const revoked = tokenFor("CUSTOMER", USER_ID, "session-that-ended");
    const live = tokenFor("CUSTOMER", USER_ID, "session-still-open");
    await revocations.revoke({ kind: "session", sessionId: "session-that-ended", until: revoked.claims.exp });

    const error = await thrownBy(() => authenticate(`Bearer ${revoked.token}`, withRevocations));
    expectUnauthenticated(error, "revoked", revoked.token);
    expect(await authenticate(`Bearer ${live.token}`, withRevocations)).toMatchObject({ id: USER_ID });
  });

  it("rejects with the store's own error when revocations cannot be checked", async () => {
    const unavailable: RevocationStore = {
      revoke: async () => {},
      isRevoked: async (_claims: AccessTokenClaims) => {
        throw new Error("redis is down");
      },
      close: async () => {},
    };
    const { token } = tokenFor();
    await expect(authenticate(`Bearer ${token}`, { ...verifier, revocations: unavailable })).rejects.toThrow(
      "redis is down",
    );
  });
});
