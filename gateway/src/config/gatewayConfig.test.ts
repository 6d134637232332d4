import { existsSync } from "node:fs";
import { ConfigError, defaultDataRoot } from "@logicore/service";
import { describe, expect, it } from "vitest";
import { loadGatewayConfig } from "./gatewayConfig.js";
import { assertSubgraphUrls } from "./supergraphChecks.js";

describe("loadGatewayConfig", () => {
  it("defaults to development on port 4000 with the committed supergraph and no overrides", () => {
    const config = loadGatewayConfig({});
    expect(config).toMatchObject({
      mode: "development",
      port: 4000,
      host: "127.0.0.1",
      subgraphUrlOverrides: {},
      logLevel: "info",
      dataRoot: defaultDataRoot,
      corsOrigins: [],
      auth: { issuer: "logicore", audience: "logicore-api", publicKeyPem: undefined, redisUrl: undefined },
    });
    expect(config.supergraphPath).toMatch(/schema\/supergraph\.graphql$/);
    expect(existsSync(config.supergraphPath)).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
  });

  it("listens on every interface in production unless HOST says otherwise", () => {
    expect(loadGatewayConfig({ NODE_ENV: "production" }).host).toBe("0.0.0.0");
    expect(loadGatewayConfig({ HOST: "0.0.0.0" }).host).toBe("0.0.0.0");
  });

  it("reads production mode, port, host, supergraph path and log level", () => {
    const config = loadGatewayConfig({
      NODE_ENV: "production",
      PORT: "8080",
      HOST: "127.0.0.1",
      SUPERGRAPH_PATH: "/etc/logicore/supergraph.graphql",
      LOG_LEVEL: "warn",
    });
    expect(config).toMatchObject({
      mode: "production",
      port: 8080,
      host: "127.0.0.1",
      supergraphPath: "/etc/logicore/supergraph.graphql",
      logLevel: "warn",
    });
  });

  it("turns every <NAME>_SUBGRAPH_URL into an override for that subgraph", () => {
    const config = loadGatewayConfig({
      USERS_SUBGRAPH_URL: "http://users.logicore.svc:4001/graphql",
      ORDERS_SUBGRAPH_URL: "https://orders.internal/graphql",
      DATABASE_URL: "postgres://ignored",
      SUBGRAPH_URL: "http://no-name/graphql",
    });
    expect(config.subgraphUrlOverrides).toEqual({
      users: "http://users.logicore.svc:4001/graphql",
      orders: "https://orders.internal/graphql",
    });
  });

  it("requires a URL for every subgraph of the supergraph in production, naming the missing ones", () => {
    const production = loadGatewayConfig({
      NODE_ENV: "production",
      USERS_SUBGRAPH_URL: "http://users:4001/graphql",
    });
    expect(() => assertSubgraphUrls(production, ["users", "orders"])).toThrow(
      new ConfigError(
        "ORDERS_SUBGRAPH_URL is required in production (e.g. http://users.internal:4001/graphql); " +
          "the supergraph's own URLs are development addresses",
      ),
    );
    expect(() => assertSubgraphUrls(production, ["users"])).not.toThrow();
    expect(() => assertSubgraphUrls(loadGatewayConfig({}), ["users", "orders"])).not.toThrow();
  });

  it("reads the token settings, the data root and the CORS origins", () => {
    const config = loadGatewayConfig({
      JWT_ISSUER: "https://id.logicore.example",
      JWT_AUDIENCE: "logicore-graph",
      REDIS_URL: "redis://redis.logicore.svc:6379",
      DATA_DIR: "/var/lib/logicore",
      CORS_ORIGINS: "https://app.logicore.example, http://localhost:5173,,https://ops.logicore.example:8443",
    });
    expect(config).toMatchObject({
      auth: {
        issuer: "https://id.logicore.example",
        audience: "logicore-graph",
        redisUrl: "redis://redis.logicore.svc:6379",
      },
      dataRoot: "/var/lib/logicore",
      corsOrigins: [
        "https://app.logicore.example",
        "http://localhost:5173",
        "https://ops.logicore.example:8443",
      ],
    });
    expect(Object.isFrozen(config.corsOrigins)).toBe(true);
  });

  it("reads the resilience settings, shared and per subgraph, defaulting REQUEST_TIMEOUT to 2 x SERVICE_TIMEOUT", () => {
    expect(loadGatewayConfig({}).resilience).toEqual({
      breaker: {
        timeoutMs: 5000,
        errorThresholdPercent: 50,
        resetTimeoutMs: 30_000,
        volumeThreshold: 5,
        rollingWindowMs: 10_000,
      },
      perSubgraph: {},
      retries: 2,
      requestTimeoutMs: 10_000,
    });
    const config = loadGatewayConfig({
      SERVICE_TIMEOUT: "800",
      ERROR_THRESHOLD: "25",
      CIRCUIT_RESET_TIMEOUT: "1000",
      CIRCUIT_VOLUME_THRESHOLD: "0",
      CIRCUIT_ROLLING_WINDOW: "2000",
      SUBGRAPH_RETRIES: "0",
      ORDERS_SERVICE_TIMEOUT: "2500",
      ORDERS_CIRCUIT_RESET_TIMEOUT: "60000",
      USERS_ERROR_THRESHOLD: "75",
      ORDERS_CIRCUIT_VOLUME_THRESHOLD: "",
    });
    expect(config.resilience).toEqual({
      breaker: {
        timeoutMs: 800,
        errorThresholdPercent: 25,
        resetTimeoutMs: 1000,
        volumeThreshold: 0,
        rollingWindowMs: 2000,
      },
      perSubgraph: {
        orders: { timeoutMs: 2500, resetTimeoutMs: 60_000 },
        users: { errorThresholdPercent: 75 },
      },
      retries: 0,
      requestTimeoutMs: 1600,
    });
    expect(loadGatewayConfig({ REQUEST_TIMEOUT: "3000" }).resilience.requestTimeoutMs).toBe(3000);
  });

  it.each([
    [{ SERVICE_TIMEOUT: "5s" }, /SERVICE_TIMEOUT must be a whole number/],
    [{ SERVICE_TIMEOUT: "0" }, /SERVICE_TIMEOUT must be a whole number of at least 1, got "0"$/],
    [{ ERROR_THRESHOLD: "150" }, /ERROR_THRESHOLD must be a whole number from 1 to 100/],
    [{ ORDERS_ERROR_THRESHOLD: "-1" }, /ORDERS_ERROR_THRESHOLD must be/],
    [
      { USERS_CIRCUIT_ROLLING_WINDOW: "5" },
      /USERS_CIRCUIT_ROLLING_WINDOW must be a whole number of at least 10, got "5"$/,
    ],
    [{ CIRCUIT_VOLUME_THRESHOLD: "many" }, /CIRCUIT_VOLUME_THRESHOLD must be/],
    [{ SUBGRAPH_RETRIES: "99" }, /SUBGRAPH_RETRIES must be a whole number from 0 to 10/],
    [{ REQUEST_TIMEOUT: "soon" }, /REQUEST_TIMEOUT must be/],
  ])("rejects a bad resilience setting with a ConfigError naming it: %j", (env, message) => {
    expect(() => loadGatewayConfig(env)).toThrow(ConfigError);
    expect(() => loadGatewayConfig(env)).toThrow(message);
  });

  it.each([
    [{ USERS_SUBGRAPH_URL: "not a url" }, /USERS_SUBGRAPH_URL must be a URL/],
    [{ USERS_SUBGRAPH_URL: "ftp://users/graphql" }, /USERS_SUBGRAPH_URL must use http: or https:/],
    [{ PORT: "eighty" }, /PORT must be a whole number/],
    [{ PORT: "70000" }, /PORT must be a whole number from 0 to 65535/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL must be one of/],
    [{ CORS_ORIGINS: "*" }, /CORS_ORIGINS must be comma-separated origins .* got "\*"/],
    [
      { CORS_ORIGINS: "https://app.example.com/" },
      /CORS_ORIGINS must be .*got "https:\/\/app.example.com\/"/,
    ],
    [{ CORS_ORIGINS: "app.example.com" }, /CORS_ORIGINS must be comma-separated origins/],
    [{ CORS_ORIGINS: "ftp://files.example.com" }, /CORS_ORIGINS must be comma-separated origins/],
    [{ REDIS_URL: "http://redis:6379" }, /REDIS_URL must use redis: or rediss:/],
    [{ JWT_PUBLIC_KEY: "not a pem" }, /JWT_PUBLIC_KEY must be a PEM block/],
  ])("fails with a ConfigError naming the variable: %j", (env, message) => {
    expect(() => loadGatewayConfig(env)).toThrow(ConfigError);
    expect(() => loadGatewayConfig(env)).toThrow(message);
  });
});

describe("loadGatewayConfig: rate limits and TRUST_PROXY", () => {
  it("defaults to 1000 per user (ADMIN x5, MANAGER x2) and 300 per anonymous address, in-process, trusting no proxy", () => {
    const config = loadGatewayConfig({});
    expect(config.rateLimit).toMatchObject({
      perUser: 1000,
      perAddress: 300,
      roleMultipliers: { ADMIN: 5, MANAGER: 2 },
      windowSeconds: 60,
      redisUrl: undefined,
      keyPrefix: "logicore:gateway:rate-limit",
    });
    expect(config.trustProxy).toEqual([]);
  });

  it("reads the budgets, the multipliers (replacing the defaults), Redis, the key prefix and the proxies", () => {
    const config = loadGatewayConfig({
      RATE_LIMIT: "0",
      RATE_LIMIT_ANONYMOUS: "60",
      RATE_LIMIT_ROLE_MULTIPLIERS: " DISPATCHER=3 , CUSTOMER=0.5",
      REDIS_URL: "redis://redis.logicore.svc:6379",
      RATE_LIMIT_KEY_PREFIX: "staging:gateway",
      TRUST_PROXY: "10.0.0.0/8, 192.168.1.10,fd00::/8, loopback",
    });
    expect(config.rateLimit).toMatchObject({
      perUser: 0,
      perAddress: 60,
      roleMultipliers: { DISPATCHER: 3, CUSTOMER: 0.5 },
      redisUrl: "redis://redis.logicore.svc:6379",
      keyPrefix: "staging:gateway",
    });
    expect(config.trustProxy).toEqual(["10.0.0.0/8", "192.168.1.10", "fd00::/8", "loopback"]);
    expect(loadGatewayConfig({ RATE_LIMIT_ROLE_MULTIPLIERS: "none" }).rateLimit.roleMultipliers).toEqual({});
  });

  it.each([
    [{ RATE_LIMIT: "-1" }, /RATE_LIMIT must be a whole number of at least 0, got "-1"$/],
    [{ RATE_LIMIT: "lots" }, /RATE_LIMIT must be a whole number/],
    [{ RATE_LIMIT_ANONYMOUS: "1.5" }, /RATE_LIMIT_ANONYMOUS must be a whole number/],
    [{ RATE_LIMIT_ROLE_MULTIPLIERS: "ROOT=5" }, /RATE_LIMIT_ROLE_MULTIPLIERS must be .*got "ROOT=5"/],
    [{ RATE_LIMIT_ROLE_MULTIPLIERS: "ADMIN=0" }, /RATE_LIMIT_ROLE_MULTIPLIERS must be .*got "ADMIN=0"/],
    [{ RATE_LIMIT_ROLE_MULTIPLIERS: "ADMIN:5" }, /RATE_LIMIT_ROLE_MULTIPLIERS must be/],
    [{ TRUST_PROXY: "true" }, /TRUST_PROXY must be the comma-separated addresses .* got "true"/],
    [{ TRUST_PROXY: "1" }, /TRUST_PROXY must be .* got "1"/],
    [{ TRUST_PROXY: "10.0.0.0/33" }, /TRUST_PROXY must be .* got "10.0.0.0\/33"/],
    [{ TRUST_PROXY: "lb.internal" }, /TRUST_PROXY must be/],
  ])("fails with a ConfigError naming the variable: %j", (env, message) => {
    expect(() => loadGatewayConfig(env)).toThrow(ConfigError);
    expect(() => loadGatewayConfig(env)).toThrow(message);
  });
});
