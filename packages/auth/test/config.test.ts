import { ConfigError } from "@logicore/config";
import { describe, expect, it } from "vitest";
import { generateSigningKeys, loadAuthConfig } from "../src/index.js";

const publicPem = generateSigningKeys().publicKey.export({ type: "spki", format: "pem" }).toString();

describe("loadAuthConfig", () => {
  it("has development defaults", () => {
    expect(loadAuthConfig({})).toEqual({
      issuer: "logicore",
      audience: "logicore-api",
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 604_800,
      privateKeyPem: undefined,
      publicKeyPem: undefined,
      redisUrl: undefined,
    });
  });

  it("reads every variable", () => {
    const config = loadAuthConfig({
      JWT_ISSUER: "issuer",
      JWT_AUDIENCE: "audience",
      JWT_EXPIRY: "30s",
      JWT_REFRESH_EXPIRY: "1h",
      JWT_PUBLIC_KEY: publicPem,
      REDIS_URL: "rediss://cache:6380/1",
    });
    expect(config).toMatchObject({
      issuer: "issuer",
      audience: "audience",
      accessTokenTtlSeconds: 30,
      refreshTokenTtlSeconds: 3600,
      publicKeyPem: publicPem.trim(),
      redisUrl: "rediss://cache:6380/1",
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it.each([
    ["600", 600],
    ["45s", 45],
    ["15m", 900],
    ["2h", 7200],
    ["1d", 86_400],
  ])("reads JWT_EXPIRY=%s as %d seconds", (value, seconds) => {
    expect(loadAuthConfig({ JWT_EXPIRY: value }).accessTokenTtlSeconds).toBe(seconds);
  });

  it("turns literal \\n sequences of a one-line PEM into newlines", () => {
    const oneLine = publicPem.trim().replaceAll("\n", "\\n");
    expect(loadAuthConfig({ JWT_PUBLIC_KEY: oneLine }).publicKeyPem).toBe(publicPem.trim());
  });

  it.each([
    [{ JWT_EXPIRY: "forever" }, /JWT_EXPIRY/],
    [{ JWT_EXPIRY: "0" }, /JWT_EXPIRY/],
    [{ JWT_EXPIRY: "-5m" }, /JWT_EXPIRY/],
    [{ JWT_EXPIRY: "1.5h" }, /JWT_EXPIRY/],
    [{ JWT_EXPIRY: "400d" }, /JWT_EXPIRY/],
    [{ JWT_REFRESH_EXPIRY: "7 days" }, /JWT_REFRESH_EXPIRY/],
    [{ JWT_EXPIRY: "2h", JWT_REFRESH_EXPIRY: "1h" }, /JWT_EXPIRY .*longer than JWT_REFRESH_EXPIRY/],
    [{ REDIS_URL: "http://x" }, /REDIS_URL/],
    [{ REDIS_URL: "not a url" }, /REDIS_URL/],
    [{ JWT_PRIVATE_KEY: "secret" }, /JWT_PRIVATE_KEY must be a PEM/],
    [{ JWT_PUBLIC_KEY: "-----BEGIN PUBLIC KEY-----" }, /JWT_PUBLIC_KEY must be a PEM/],
  ])("rejects %o with a ConfigError naming the variable", (env, message) => {
    expect(() => loadAuthConfig(env)).toThrow(ConfigError);
    expect(() => loadAuthConfig(env)).toThrow(message);
  });
});
