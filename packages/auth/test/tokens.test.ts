import { generateKeyPairSync } from "node:crypto";
import jwt from "jsonwebtoken";
import { afterEach, describe, expect, it, vi } from "vitest";
import { generateSigningKeys, verifyAccessToken } from "../src/index.js";
import {
  ecdsaWith,
  expectUnauthenticated,
  forgeToken,
  hmacWith,
  keys,
  settings,
  thrownBy,
  tokenFor,
  USER_ID,
  validPayload,
} from "./support/tokens.js";

const verify = (token: string) => verifyAccessToken(token, keys.publicKey, settings);

afterEach(() => {
  vi.useRealTimers();
});

describe("signAccessToken and verifyAccessToken", () => {
  it("round-trips the claims of an ES256 token", () => {
    const { token, claims, expiresIn } = tokenFor("DISPATCHER");
    expect(jwt.decode(token, { complete: true })?.header.alg).toBe("ES256");
    expect(expiresIn).toBe(900);
    expect(claims).toMatchObject({
      sub: USER_ID,
      role: "DISPATCHER",
      permissions: ["users:read", "orders:read", "orders:write"],
      iss: "logicore",
      aud: "logicore-api",
    });
    expect(claims.exp - claims.iat).toBe(900);
    expect(verify(token)).toEqual(claims);
  });

  it("accepts a hand-signed token with the right key, so the refusals below are about one flaw each", () => {
    const token = forgeToken({ alg: "ES256", typ: "JWT" }, validPayload(), ecdsaWith(keys.privateKey));
    expect(verify(token).sub).toBe(USER_ID);
  });

  it("gives every token its own id", () => {
    expect(tokenFor().claims.jti).not.toBe(tokenFor().claims.jti);
  });

  it("refuses to sign for a subject that could never verify", () => {
    expect(() => tokenFor("ADMIN", "not-a-uuid")).toThrow(/uuid/);
  });

  it("accepts a token up to 5 seconds past its expiry, for clock skew", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 903_000);
    const { token } = tokenFor();
    vi.useRealTimers();
    expect(verify(token).sub).toBe(USER_ID);
  });
});

describe("verifyAccessToken refuses", () => {
  it("an expired token, with reason expired", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() - 910_000);
    const { token } = tokenFor();
    vi.useRealTimers();
    expectUnauthenticated(await thrownBy(() => verify(token)), "expired", token);
  });

  const otherEcKey = generateSigningKeys().privateKey;
  const rsaKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  const publicPem = keys.publicKey.export({ type: "spki", format: "pem" }).toString();

  const cases: Record<string, () => string> = {
    'alg "none"': () => forgeToken({ alg: "none", typ: "JWT" }, validPayload()),
    'alg "none" with a signature': () =>
      forgeToken({ alg: "none", typ: "JWT" }, validPayload(), ecdsaWith(keys.privateKey)),
    "a token signed by another EC key": () =>
      forgeToken({ alg: "ES256", typ: "JWT" }, validPayload(), ecdsaWith(otherEcKey)),
    "HS256 keyed with the public key PEM": () =>
      forgeToken({ alg: "HS256", typ: "JWT" }, validPayload(), hmacWith(publicPem)),
    RS256: () => jwt.sign(validPayload(), rsaKey, { algorithm: "RS256" }),
    "a wrong issuer": () =>
      jwt.sign(validPayload({ iss: "evil-issuer" }), keys.privateKey, { algorithm: "ES256" }),
    "a wrong audience": () =>
      jwt.sign(validPayload({ aud: "other-api" }), keys.privateKey, { algorithm: "ES256" }),
    "an audience list": () =>
      jwt.sign(validPayload({ aud: ["logicore-api", "x"] }), keys.privateKey, { algorithm: "ES256" }),
    "a tampered payload": () => {
      const [header, , signature] = tokenFor("CUSTOMER").token.split(".");
      const payload = Buffer.from(JSON.stringify(validPayload({ role: "ADMIN" }))).toString("base64url");
      return `${header}.${payload}.${signature}`;
    },
    "an empty string": () => "",
    "a string that is not a JWT": () => "definitely-not-a-token",
    "three dots": () => "...",
    "base64 garbage in three parts": () => "eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl",
    "a huge token": () => `${tokenFor().token}${"A".repeat(10_000)}`,
  };
  for (const claim of ["sub", "role", "permissions", "jti", "sid", "iat", "exp", "iss", "aud"]) {
    // Signed by hand: jsonwebtoken would fill in a missing iat.
    cases[`a token without ${claim}`] = () => {
      const { [claim]: _dropped, ...payload } = validPayload();
      return forgeToken({ alg: "ES256", typ: "JWT" }, payload, ecdsaWith(keys.privateKey));
    };
  }
  const badClaims: Record<string, Record<string, unknown>> = {
    "a non-uuid subject": { sub: "admin" },
    "an unknown role": { role: "ROOT" },
    "permissions that are not an array": { permissions: "users:write" },
    "an unknown permission": { permissions: ["orders:read", "everything"] },
    "an empty session id": { sid: "" },
    "a numeric token id": { jti: 42 },
    "an expiry before issue": {
      iat: Math.floor(Date.now() / 1000) + 1000,
      exp: Math.floor(Date.now() / 1000) + 500,
    },
  };
  for (const [name, overrides] of Object.entries(badClaims)) {
    cases[`a token with ${name}`] = () =>
      jwt.sign(validPayload(overrides), keys.privateKey, { algorithm: "ES256" });
  }

  for (const [name, forge] of Object.entries(cases)) {
    it(`${name}, with reason invalid and without echoing the token`, async () => {
      const token = forge();
      const error = await thrownBy(() => verify(token));
      expectUnauthenticated(error, "invalid", token);
      expect((error as Error).message).not.toMatch(/evil-issuer|other-api|ROOT|admin/);
    });
  }
});
