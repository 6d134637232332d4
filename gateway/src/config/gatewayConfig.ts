import { isIP } from "node:net";
import { type AuthConfig, isRole, loadAuthConfig, ROLES, type Role } from "@logicore/auth";
import {
  ConfigError,
  defaultDataRoot,
  type Env,
  intFromEnv,
  type LogFormat,
  type LogLevel,
  listenHostFromEnv,
  logFormatFromEnv,
  logLevelFromEnv,
  type Mode,
  modeFromEnv,
  stringFromEnv,
  type TracingConfig,
  tracingConfigFromEnv,
  urlFromEnv,
} from "@logicore/service";
import {
  DEFAULT_OPERATION_LIMITS,
  type OperationLimit,
  type OperationLimitsSettings,
} from "../operationLimits/operationLimitsSettings.js";
import { DEFAULT_RATE_LIMIT_SETTINGS, type RateLimitSettings } from "../rateLimit/rateLimitSettings.js";
import {
  type BreakerSettings,
  DEFAULT_BREAKER_SETTINGS,
  DEFAULT_SUBGRAPH_MAX_RESPONSE_BYTES,
  DEFAULT_SUBGRAPH_RETRIES,
  type ResilienceSettings,
  resolveResilienceSettings,
} from "../resilience/resilienceSettings.js";
import { DEFAULT_SUPERGRAPH_PATH } from "../supergraphFile.js";

export interface GatewayConfig {
  /** NODE_ENV=production is production; anything else is development. */
  readonly mode: Mode;
  /** PORT. @default 4000 */
  readonly port: number;
  /** HOST. @default "127.0.0.1" in development, "0.0.0.0" in production */
  readonly host: string;
  /** SUPERGRAPH_PATH. @default <repo>/schema/supergraph.graphql */
  readonly supergraphPath: string;
  /**
   * Every `<NAME>_SUBGRAPH_URL`, keyed by the lower-cased NAME (`USERS_SUBGRAPH_URL` -> `users`):
   * the supergraph's URLs are the local-development ones, deployments point elsewhere.
   */
  readonly subgraphUrlOverrides: Readonly<Record<string, string>>;
  /** LOG_LEVEL. @default "info" */
  readonly logLevel: LogLevel;
  /** LOG_FORMAT: `pretty` when stdout is a terminal, else `json`. */
  readonly logFormat: LogFormat;
  /**
   * JWT_ISSUER, JWT_AUDIENCE, JWT_PUBLIC_KEY, REDIS_URL (and the token lifetimes, unused here).
   * The gateway only verifies tokens: it never needs JWT_PRIVATE_KEY.
   */
  readonly auth: AuthConfig;
  /**
   * DATA_DIR: in development the shared key pair lives in `<dataRoot>/keys/` when JWT_PUBLIC_KEY
   * is unset (pass to `loadVerificationKey`). @default <repo>/.data
   */
  readonly dataRoot: string;
  /**
   * CORS_ORIGINS: comma-separated origins (`https://app.example.com`) browsers may call from.
   * Development also allows any `http://localhost:<port>` and `http://127.0.0.1:<port>`.
   * @default [] (production: no cross-origin browser calls)
   */
  readonly corsOrigins: readonly string[];
  /**
   * Circuit breakers, timeouts and retries around subgraph fetches: SERVICE_TIMEOUT (ms, 5000),
   * ERROR_THRESHOLD (percent, 50), CIRCUIT_RESET_TIMEOUT (ms, 30000), CIRCUIT_VOLUME_THRESHOLD (5),
   * CIRCUIT_ROLLING_WINDOW (ms, 10000), each also as `<NAME>_...` for one subgraph
   * (`ORDERS_SERVICE_TIMEOUT`); SUBGRAPH_RETRIES (2) and REQUEST_TIMEOUT (ms, 2 * SERVICE_TIMEOUT);
   * SUBGRAPH_MAX_RESPONSE_BYTES (4194304), the largest body read from a subgraph.
   */
  readonly resilience: ResilienceSettings;
  /**
   * OpenTelemetry tracing: OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT),
   * OTEL_EXPORTER_OTLP_PROTOCOL, OTEL_SERVICE_NAME (default "gateway"), OTEL_SDK_DISABLED. @default off
   */
  readonly tracing: TracingConfig;
  /**
   * What each operation is held to before it is planned: MAX_DEPTH (12), MAX_ALIASES (30),
   * MAX_DIRECTIVES (50), MAX_TOKENS (3000), MAX_COST (25000), MAX_ROOT_FIELDS (20); 0 turns one off.
   */
  readonly operationLimits: OperationLimitsSettings;
  /**
   * Request budgets: RATE_LIMIT (per signed-in user per minute, 1000; 0 off) times the role's
   * RATE_LIMIT_ROLE_MULTIPLIERS (`ADMIN=5,MANAGER=2`), RATE_LIMIT_ANONYMOUS (per client address
   * without a valid token, 300; 0 off), counted in REDIS_URL under RATE_LIMIT_KEY_PREFIX when set.
   */
  readonly rateLimit: RateLimitSettings;
  /**
   * TRUST_PROXY: comma-separated addresses and CIDR ranges of the proxies that may name the client
   * in `x-forwarded-for`. @default [] (the TCP peer is the client)
   */
  readonly trustProxy: readonly string[];
  /**
   * SUBGRAPH_SIGNING_KEY (base64, at least 32 bytes) and SUBGRAPH_SIGNING_KEY_PREVIOUS, as given;
   * `loadGatewayProofKeys` checks them. Required in production; development uses the key under
   * `<dataRoot>/keys/` that the subgraphs read too.
   */
  readonly subgraphSigningKey: string | undefined;
}

const SUBGRAPH_URL_VARIABLE = /^([A-Z0-9_]+)_SUBGRAPH_URL$/;

/** Reads the gateway's environment once; throws ConfigError naming the variable at fault. */
export function loadGatewayConfig(env: Env = process.env): GatewayConfig {
  const auth = loadAuthConfig(env);
  const mode = modeFromEnv(env);
  return Object.freeze({
    mode,
    port: intFromEnv(env, "PORT", 4000, { min: 0, max: 65_535 }),
    host: listenHostFromEnv(env, mode),
    supergraphPath: stringFromEnv(env, "SUPERGRAPH_PATH") ?? DEFAULT_SUPERGRAPH_PATH,
    subgraphUrlOverrides: Object.freeze(subgraphUrlOverridesFromEnv(env)),
    logLevel: logLevelFromEnv(env),
    logFormat: logFormatFromEnv(env, process.stdout.isTTY === true),
    auth,
    dataRoot: stringFromEnv(env, "DATA_DIR") ?? defaultDataRoot,
    corsOrigins: Object.freeze(corsOriginsFromEnv(env)),
    resilience: resilienceFromEnv(env),
    tracing: Object.freeze(tracingConfigFromEnv(env, "gateway")),
    operationLimits: operationLimitsFromEnv(env),
    rateLimit: rateLimitFromEnv(env, auth.redisUrl),
    trustProxy: trustProxyFromEnv(env),
    subgraphSigningKey: stringFromEnv(env, "SUBGRAPH_SIGNING_KEY"),
  });
}

/** Each breaker setting's variable (also `<NAME>_<variable>` for one subgraph) and its range. */
const BREAKER_VARIABLES = {
  SERVICE_TIMEOUT: { key: "timeoutMs", min: 1 },
  ERROR_THRESHOLD: { key: "errorThresholdPercent", min: 1, max: 100 },
  CIRCUIT_RESET_TIMEOUT: { key: "resetTimeoutMs", min: 1 },
  CIRCUIT_VOLUME_THRESHOLD: { key: "volumeThreshold", min: 0 },
  // Ten buckets of at least a millisecond each.
  CIRCUIT_ROLLING_WINDOW: { key: "rollingWindowMs", min: 10 },
} as const satisfies Record<string, { key: keyof BreakerSettings; min: number; max?: number }>;
type BreakerVariable = keyof typeof BREAKER_VARIABLES;
const BREAKER_VARIABLE_NAMES = Object.keys(BREAKER_VARIABLES) as BreakerVariable[];
const PER_SUBGRAPH_BREAKER_VARIABLE = new RegExp(`^([A-Z0-9_]+?)_(${BREAKER_VARIABLE_NAMES.join("|")})$`);

/** The variable's value, or undefined when unset (so a per-subgraph override never hides the shared one). */
function breakerSettingFromEnv(env: Env, variable: string, setting: BreakerVariable): number | undefined {
  if (stringFromEnv(env, variable) === undefined) return undefined;
  const rule: { key: keyof BreakerSettings; min: number; max?: number } = BREAKER_VARIABLES[setting];
  return intFromEnv(env, variable, DEFAULT_BREAKER_SETTINGS[rule.key], {
    min: rule.min,
    ...(rule.max !== undefined ? { max: rule.max } : {}),
  });
}

const MAX_RESPONSE_BYTES = "SUBGRAPH_MAX_RESPONSE_BYTES";

function resilienceFromEnv(env: Env): ResilienceSettings {
  const breaker: Partial<Record<keyof BreakerSettings, number>> = {};
  for (const setting of BREAKER_VARIABLE_NAMES) {
    const value = breakerSettingFromEnv(env, setting, setting);
    if (value !== undefined) breaker[BREAKER_VARIABLES[setting].key] = value;
  }
  const perSubgraph: Record<string, Partial<Record<keyof BreakerSettings, number>>> = {};
  for (const variable of Object.keys(env).sort()) {
    const match = PER_SUBGRAPH_BREAKER_VARIABLE.exec(variable);
    if (match === null) continue;
    const [, name = "", setting] = match as unknown as [string, string, BreakerVariable];
    const value = breakerSettingFromEnv(env, variable, setting);
    if (value === undefined) continue;
    const key = name.toLowerCase();
    perSubgraph[key] = { ...perSubgraph[key], [BREAKER_VARIABLES[setting].key]: value };
  }
  const timeoutMs = breaker.timeoutMs ?? DEFAULT_BREAKER_SETTINGS.timeoutMs;
  return resolveResilienceSettings({
    breaker,
    perSubgraph,
    retries: intFromEnv(env, "SUBGRAPH_RETRIES", DEFAULT_SUBGRAPH_RETRIES, { min: 0, max: 10 }),
    requestTimeoutMs: intFromEnv(env, "REQUEST_TIMEOUT", timeoutMs * 2, { min: 1 }),
    // Only when set, so the settings show what was configured; the data source reads the default.
    ...(stringFromEnv(env, MAX_RESPONSE_BYTES) === undefined
      ? {}
      : {
          maxResponseBytes: intFromEnv(env, MAX_RESPONSE_BYTES, DEFAULT_SUBGRAPH_MAX_RESPONSE_BYTES, {
            min: 1024,
          }),
        }),
  });
}

/** Each operation limit's variable. */
const OPERATION_LIMIT_VARIABLES = {
  maxDepth: "MAX_DEPTH",
  maxAliases: "MAX_ALIASES",
  maxDirectives: "MAX_DIRECTIVES",
  maxTokens: "MAX_TOKENS",
  maxCost: "MAX_COST",
  maxRootFields: "MAX_ROOT_FIELDS",
} as const satisfies Record<OperationLimit, string>;

function operationLimitsFromEnv(env: Env): OperationLimitsSettings {
  const limits: Partial<Record<OperationLimit, number | false>> = {};
  for (const [limit, variable] of Object.entries(OPERATION_LIMIT_VARIABLES) as Array<
    [OperationLimit, string]
  >) {
    const fallback = DEFAULT_OPERATION_LIMITS[limit];
    // 0 turns a limit off, as it does a rate limit: no operation could be under a limit of 0.
    const value = intFromEnv(env, variable, fallback === false ? 0 : fallback, { min: 0 });
    limits[limit] = value === 0 ? false : value;
  }
  return Object.freeze({ ...DEFAULT_OPERATION_LIMITS, ...limits });
}

function subgraphUrlOverridesFromEnv(env: Env): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const variable of Object.keys(env).sort()) {
    const name = SUBGRAPH_URL_VARIABLE.exec(variable)?.[1];
    if (name === undefined) continue;
    const url = urlFromEnv(env, variable, ["http:", "https:"]);
    if (url !== undefined) overrides[name.toLowerCase()] = url;
  }
  return overrides;
}

function corsOriginsFromEnv(env: Env): string[] {
  const raw = stringFromEnv(env, "CORS_ORIGINS");
  if (raw === undefined) return [];
  return raw
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "")
    .map((entry) => {
      // An origin is compared byte for byte with the browser's Origin header, so it must be one
      // exactly: a wildcard, a path or a trailing slash would silently never match.
      let origin: string | undefined;
      try {
        const url = new URL(entry);
        if (url.protocol === "http:" || url.protocol === "https:") origin = url.origin;
      } catch {
        origin = undefined;
      }
      if (origin !== entry) {
        throw new ConfigError(
          `CORS_ORIGINS must be comma-separated origins such as https://app.example.com ` +
            `(scheme, host and optional port; no path, no wildcard), got ${JSON.stringify(entry)}`,
        );
      }
      return origin;
    });
}

function rateLimitFromEnv(env: Env, redisUrl: string | undefined): RateLimitSettings {
  const defaults = DEFAULT_RATE_LIMIT_SETTINGS;
  return Object.freeze({
    ...defaults,
    perUser: intFromEnv(env, "RATE_LIMIT", defaults.perUser, { min: 0 }),
    perAddress: intFromEnv(env, "RATE_LIMIT_ANONYMOUS", defaults.perAddress, { min: 0 }),
    roleMultipliers: roleMultipliersFromEnv(env) ?? defaults.roleMultipliers,
    // The same Redis as the revocation list (REDIS_URL, read once with the auth settings): one more
    // thing to run would be one more thing to lose.
    redisUrl,
    keyPrefix: stringFromEnv(env, "RATE_LIMIT_KEY_PREFIX") ?? defaults.keyPrefix,
  });
}

/** `ADMIN=5,MANAGER=2` (replacing the defaults; unlisted roles get 1), `none`, or unset (undefined). */
function roleMultipliersFromEnv(env: Env): Readonly<Partial<Record<Role, number>>> | undefined {
  const raw = stringFromEnv(env, "RATE_LIMIT_ROLE_MULTIPLIERS");
  if (raw === undefined) return undefined;
  const multipliers: Partial<Record<Role, number>> = {};
  if (raw === "none") return Object.freeze(multipliers);
  for (const entry of raw.split(",").map((part) => part.trim())) {
    const [role = "", value = "", ...rest] = entry.split("=").map((part) => part.trim());
    const multiplier = Number(value);
    if (!isRole(role) || rest.length > 0 || !/^\d+(\.\d+)?$/.test(value) || multiplier <= 0) {
      throw new ConfigError(
        "RATE_LIMIT_ROLE_MULTIPLIERS must be ROLE=multiplier pairs such as ADMIN=5,MANAGER=2 " +
          `(roles ${ROLES.join(", ")}; multipliers above 0), or none; ` +
          `got ${JSON.stringify(entry)}`,
      );
    }
    multipliers[role] = multiplier;
  }
  return Object.freeze(multipliers);
}

// proxy-addr's names for the loopback, link-local and private ranges.
const NAMED_PROXY_RANGES = new Set(["loopback", "linklocal", "uniquelocal"]);

/**
 * Only addresses: `true` would let any client pick the address it is limited by, and a hop count
 * cannot tell the load balancer from a client reaching the gateway directly (fastify 5 trusts no
 * hop count, failing closed, so `TRUST_PROXY=1` is refused rather than silently ignored).
 */
function trustProxyFromEnv(env: Env): readonly string[] {
  const entries = (stringFromEnv(env, "TRUST_PROXY") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  for (const entry of entries) {
    if (!NAMED_PROXY_RANGES.has(entry) && !isAddressOrRange(entry)) {
      throw new ConfigError(
        "TRUST_PROXY must be the comma-separated addresses or CIDR ranges of the proxies in front of " +
          `the gateway (10.0.0.0/8, 192.168.1.10, loopback, linklocal, uniquelocal), got ${JSON.stringify(entry)}`,
      );
    }
  }
  return Object.freeze(entries);
}

function isAddressOrRange(entry: string): boolean {
  const [address = "", prefix, ...rest] = entry.split("/");
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128));
}
