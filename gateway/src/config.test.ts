import { existsSync } from "node:fs";
import { ConfigError } from "@logicore/service";
import { describe, expect, it } from "vitest";
import { loadGatewayConfig } from "./config.js";

describe("loadGatewayConfig", () => {
  it("defaults to development on port 4000 with the committed supergraph and no overrides", () => {
    const config = loadGatewayConfig({});
    expect(config).toMatchObject({
      mode: "development",
      port: 4000,
      host: "0.0.0.0",
      subgraphUrlOverrides: {},
      logLevel: "info",
    });
    expect(config.supergraphPath).toMatch(/schema\/supergraph\.graphql$/);
    expect(existsSync(config.supergraphPath)).toBe(true);
    expect(Object.isFrozen(config)).toBe(true);
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

  it.each([
    [{ USERS_SUBGRAPH_URL: "not a url" }, /USERS_SUBGRAPH_URL must be a URL/],
    [{ USERS_SUBGRAPH_URL: "ftp://users/graphql" }, /USERS_SUBGRAPH_URL must use http: or https:/],
    [{ PORT: "eighty" }, /PORT must be a whole number/],
    [{ PORT: "70000" }, /PORT must be a whole number from 0 to 65535/],
    [{ LOG_LEVEL: "loud" }, /LOG_LEVEL must be one of/],
  ])("fails with a ConfigError naming the variable: %j", (env, message) => {
    expect(() => loadGatewayConfig(env)).toThrow(ConfigError);
    expect(() => loadGatewayConfig(env)).toThrow(message);
  });
});
