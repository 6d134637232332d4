export { REVOCATIONS_EXTENSION } from "@logicore/auth";
export type { GatewayRuleMap, TypeRules } from "./authorization/ruleMap.js";
export { gatewayRules } from "./authorization/rules.js";
export { type GatewayConfig, loadGatewayConfig } from "./config/gatewayConfig.js";
export { createGateway, type GatewayOptions } from "./createGateway.js";
export type { GatewayAuthOptions, GatewayContext } from "./gatewayContext.js";
export type { OperationLimitsOptions } from "./operationLimits/operationLimitsSettings.js";
export type { RateLimitOptions } from "./rateLimit/rateLimitSettings.js";
export type { BreakerSettings, ResilienceOptions } from "./resilience/resilienceSettings.js";
