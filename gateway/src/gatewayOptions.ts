import type { Mode } from "@logicore/service";
import type { Logger } from "pino";
import type { GatewayRuleMap } from "./authorization/ruleMap.js";
import type { GatewayAuthOptions } from "./gatewayContext.js";
import type { OperationLimitsOptions } from "./operationLimits/operationLimitsSettings.js";
import type { RateLimitOptions } from "./rateLimit/rateLimitSettings.js";
import type { ResilienceOptions } from "./resilience/resilienceSettings.js";

/** What `createGateway` is given: everything the gateway's config parsed, plus the supergraph. */
export interface GatewayOptions {
  /** The composed supergraph (`schema/supergraph.graphql`), loaded once at start-up. */
  supergraphSdl: string;
  /**
   * Subgraph name -> URL replacing the supergraph's (local-development) URL for that subgraph.
   * Names match case-insensitively, with `-` and `_` alike, as they come from environment
   * variables. A name the supergraph does not declare is an error. @default {}
   */
  subgraphUrlOverrides?: Readonly<Record<string, string>>;
  /** Development turns on Sandbox and introspection and allows local CORS origins; production none. */
  mode: Mode;
  logger: Logger;
  /** How access tokens are verified, and where revoked sessions are kept. */
  auth: GatewayAuthOptions;
  /**
   * Origins browsers may call the gateway from (CORS); development also allows any
   * `http://localhost:<port>` and `http://127.0.0.1:<port>`. @default []
   */
  corsOrigins?: readonly string[];
  /**
   * Type -> field -> rule, checked for every field of every operation before it is planned; a
   * field without a rule is denied. @default gatewayRules (LogiCore's supergraph)
   */
  rules?: GatewayRuleMap;
  /**
   * Circuit breakers, fetch timeouts and retries around every subgraph call (the config's
   * `resilience`). @default SERVICE_TIMEOUT 5000, ERROR_THRESHOLD 50, CIRCUIT_RESET_TIMEOUT 30000,
   * CIRCUIT_VOLUME_THRESHOLD 5, CIRCUIT_ROLLING_WINDOW 10000, 2 retries, REQUEST_TIMEOUT 10000
   */
  resilience?: ResilienceOptions;
  /**
   * Depth, aliases, directives, tokens, cost and root fields each operation is held to before it
   * is planned (the config's `operationLimits`); `false` turns one off. @default MAX_DEPTH 12,
   * MAX_ALIASES 30, MAX_DIRECTIVES 50, MAX_TOKENS 3000, MAX_COST 25000, MAX_ROOT_FIELDS 20
   */
  operationLimits?: OperationLimitsOptions;
  /**
   * Requests per minute per signed-in user (times the role's multiplier) and per anonymous client
   * address, counted in Redis when `redisUrl` is set (the config's `rateLimit`). @default RATE_LIMIT
   * 1000, RATE_LIMIT_ROLE_MULTIPLIERS ADMIN=5,MANAGER=2, RATE_LIMIT_ANONYMOUS 300, in-process
   */
  rateLimit?: RateLimitOptions;
  /**
   * TRUST_PROXY: addresses and CIDR ranges of the load balancers whose `x-forwarded-for` names the
   * client; the address budgets and the login throttle key on it. @default [] (the TCP peer is the client)
   */
  trustProxy?: readonly string[];
  /**
   * SUBGRAPH_SIGNING_KEY: signs the proof every subgraph call carries; subgraphs refuse calls
   * without a valid one. Required in production. @default development: a random key of this
   * gateway's own (for subgraphs that do not check, such as test fixtures)
   */
  subgraphSigningKey?: Buffer;
}
