import { ConfigError } from "@logicore/service";
import { describe, expect, it } from "vitest";
import { loadGatewayConfig } from "../config/gatewayConfig.js";
import { DEFAULT_OPERATION_LIMITS, resolveOperationLimits } from "./operationLimitsSettings.js";

describe("operation limits from the environment", () => {
  it("default to MAX_DEPTH 12, MAX_ALIASES 30, MAX_DIRECTIVES 50, MAX_TOKENS 3000, MAX_COST 25000, MAX_ROOT_FIELDS 20", () => {
    expect(loadGatewayConfig({}).operationLimits).toEqual({
      maxDepth: 12,
      maxAliases: 30,
      maxDirectives: 50,
      maxTokens: 3000,
      maxCost: 25_000,
      maxRootFields: 20,
      defaultListSize: 10,
    });
    expect(Object.isFrozen(loadGatewayConfig({}).operationLimits)).toBe(true);
  });

  it("reads each limit from its variable, 0 turning it off", () => {
    const config = loadGatewayConfig({
      MAX_DEPTH: "8",
      MAX_ALIASES: "0",
      MAX_DIRECTIVES: "10",
      MAX_TOKENS: "1000",
      MAX_COST: "5000",
      MAX_ROOT_FIELDS: "0",
    });
    expect(config.operationLimits).toEqual({
      ...DEFAULT_OPERATION_LIMITS,
      maxDepth: 8,
      maxAliases: false,
      maxDirectives: 10,
      maxTokens: 1000,
      maxCost: 5000,
      maxRootFields: false,
    });
  });

  it.each([
    [{ MAX_DEPTH: "-1" }, /MAX_DEPTH must be a whole number of at least 0, got "-1"$/],
    [{ MAX_COST: "lots" }, /MAX_COST must be a whole number/],
    [{ MAX_TOKENS: "2.5" }, /MAX_TOKENS must be a whole number/],
    [{ MAX_ROOT_FIELDS: "off" }, /MAX_ROOT_FIELDS must be a whole number/],
  ])("refuse a malformed value with a ConfigError naming the variable: %j", (env, message) => {
    expect(() => loadGatewayConfig(env)).toThrow(ConfigError);
    expect(() => loadGatewayConfig(env)).toThrow(message);
  });
});

describe("resolveOperationLimits", () => {
  it("fills in the defaults and keeps what is given, `false` included", () => {
    expect(resolveOperationLimits({ maxCost: 100, maxDepth: false })).toEqual({
      ...DEFAULT_OPERATION_LIMITS,
      maxCost: 100,
      maxDepth: false,
    });
  });

  it.each([0, -3, 1.5, Number.NaN])("refuses a limit of %d: a limit is at least 1, or false", (value) => {
    expect(() => resolveOperationLimits({ maxAliases: value })).toThrow(/maxAliases must be a whole number/);
  });
});
