import { ApolloGateway } from "@apollo/gateway";
import { ConfigError, createGraphQLHttpServer, type GraphQLHttpServer, type Mode } from "@logicore/service";
import type { Logger } from "pino";
import { createAuthorizationPlugin } from "./authorization/authorizationPlugin.js";
import type { GatewayRuleMap } from "./authorization/ruleMap.js";
import { gatewayRules } from "./authorization/rules.js";
import { createGatewayFormatError } from "./formatGatewayError.js";
import { createGatewayContext, type GatewayAuthOptions, type GatewayContext } from "./gatewayContext.js";
import { registerCircuitBreakersRoute } from "./http/circuitBreakersRoute.js";
import { EXPLORER_PATH, registerExplorerRoute } from "./http/explorerRoute.js";
import { registerHttpSecurity } from "./http/httpSecurity.js";
import { landingPagePlugin } from "./http/landingPage.js";
import { registerMetricsRoute } from "./http/metricsRoute.js";
import { registerHttpMetrics } from "./observability/httpMetricsHook.js";
import { createMetricsPlugin } from "./observability/metricsPlugin.js";
import { createObservabilityMetrics } from "./observability/observabilityMetrics.js";
import { createOperationLogPlugin } from "./observability/operationLogPlugin.js";
import { createQueryPlanCache } from "./observability/queryPlanCache.js";
import { createOperationLimits } from "./operationLimits/createOperationLimits.js";
import type { OperationLimitsOptions } from "./operationLimits/operationLimitsSettings.js";
import { createClientRateLimiter } from "./rateLimit/clientRateLimiter.js";
import type { RateLimitOptions } from "./rateLimit/rateLimitSettings.js";
import { normalizeSubgraphName, type ResilienceOptions } from "./resilience/resilienceSettings.js";
import { createSubgraphResilience } from "./resilience/subgraphResilience.js";
import { SubgraphDataSource } from "./subgraphDataSource.js";
import { subgraphNamesOf } from "./supergraphSubgraphs.js";
import { unansweredIntrospectionRule } from "./unansweredIntrospectionRule.js";

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
}

/** The federated gateway over the subgraphs the supergraph declares, in its HTTP shell. */
export async function createGateway(options: GatewayOptions): Promise<GraphQLHttpServer> {
  const { mode, logger, auth } = options;
  const urlFor = overrideLookup(options.supergraphSdl, options.subgraphUrlOverrides ?? {});
  const subgraphNames = subgraphNamesOf(options.supergraphSdl);
  const resilience = createSubgraphResilience({
    subgraphNames,
    ...(options.resilience ? { settings: options.resilience } : {}),
    logger,
  });
  // On the resilience registry: one /metrics serves every series the gateway has.
  const observability = createObservabilityMetrics({
    registry: resilience.metrics.registry,
    subgraphs: subgraphNames,
  });
  const rateLimiter = await createClientRateLimiter({
    ...(options.rateLimit ? { settings: options.rateLimit } : {}),
    registry: resilience.metrics.registry,
    logger,
  });

  // @apollo/gateway 2.14 reports usage data to Apollo's servers unless told not to. LogiCore makes
  // no outbound calls its operator did not ask for; APOLLO_TELEMETRY_DISABLED=false opts back in.
  process.env.APOLLO_TELEMETRY_DISABLED ??= "true";
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    // Its info lines ("Gateway successfully loaded schema. * Mode: unmanaged") speak of its own
    // internals; main logs one line when the gateway is up.
    logger: {
      debug: (m) => logger.debug(m),
      info: (m) => logger.debug(m),
      warn: (m) => logger.warn(m),
      error: (m) => logger.error(m),
    },
    queryPlannerConfig: { cache: createQueryPlanCache({ registry: resilience.metrics.registry }) },
    buildService: ({ name, url }) => {
      const target = urlFor(name) ?? url;
      if (target === undefined) throw new ConfigError(`Subgraph ${name} has no URL in the supergraph`);
      logger.debug({ serviceName: name, url: target }, "subgraph URL");
      return new SubgraphDataSource({
        name,
        url: target,
        logger,
        revocations: auth.revocations,
        breaker: resilience.breakerFor(name),
        retry: resilience.retry,
        requestTimeoutMs: resilience.requestTimeoutMs,
        metrics: resilience.metrics,
        observability,
      });
    },
  });
  let supergraphLoaded = false;
  gateway.onSchemaLoadOrUpdate(() => {
    supergraphLoaded = true;
  });

  const development = mode === "development";
  const operationLimits = createOperationLimits(options.operationLimits);
  const formatGatewayError = createGatewayFormatError({ logger });
  const server = await createGraphQLHttpServer<GatewayContext>({
    apollo: {
      gateway,
      logger,
      nodeEnv: mode,
      introspection: development,
      includeStacktraceInErrorResponses: false,
      // With introspection off, "Did you mean ...?" suggestions would still reveal the schema.
      hideSchemaDetailsFromClientErrors: !development,
      formatError: (formatted, error) =>
        formatGatewayError(operationLimits.recodeError(formatted, error), error),
      parseOptions: operationLimits.parseOptions,
      validationRules: [...operationLimits.validationRules, unansweredIntrospectionRule],
      // Apollo's CSRF prevention stays on (its default): a browser cannot send a GraphQL request
      // cross-site without a preflight, which CORS then refuses for unknown origins.
      plugins: [
        // First: an operation over a limit is refused before its fields' rules are evaluated, and
        // the same way for every caller (limits are public, a refusal there reveals nothing).
        ...operationLimits.plugins,
        createAuthorizationPlugin({ rules: options.rules ?? gatewayRules }),
        createMetricsPlugin({ metrics: observability }),
        createOperationLogPlugin({ logger }),
        landingPagePlugin({ mode, explorerPath: EXPLORER_PATH }),
      ],
    },
    context: createGatewayContext({ auth, logger, rateLimiter }),
    // Circuit states are reported, never a reason to be unready: one subgraph down would take every
    // replica out of the Service, and the other subgraphs' data with them. Degrading to partial
    // results is the breakers' job; readiness only says whether this replica can plan queries.
    readiness: async () => ({
      ready: supergraphLoaded,
      details: { supergraph: supergraphLoaded ? "loaded" : "missing", subgraphs: resilience.states() },
    }),
    logger,
    trustProxy: options.trustProxy ?? [],
    ...(development ? { explorerPath: EXPLORER_PATH } : {}),
  });
  await registerHttpSecurity(server.app, { mode, corsOrigins: options.corsOrigins ?? [] });
  registerMetricsRoute(server.app, { registry: resilience.metrics.registry });
  if (development) registerExplorerRoute(server.app);
  registerHttpMetrics(server.app, { metrics: observability });
  registerCircuitBreakersRoute(server.app, {
    statuses: () =>
      Object.fromEntries([...resilience.breakers].map(([name, breaker]) => [name, breaker.status()])),
    auth,
    logger,
  });
  return {
    app: server.app,
    listen: (port, host) => server.listen(port, host),
    async close() {
      await server.close();
      // After the drain: in-flight requests were still calling subgraphs through the breakers.
      resilience.shutdown();
      await rateLimiter.close();
    },
  };
}

const normalize = normalizeSubgraphName;

function overrideLookup(
  supergraphSdl: string,
  overrides: Readonly<Record<string, string>>,
): (subgraphName: string) => string | undefined {
  const known = subgraphNamesOf(supergraphSdl);
  const byName = new Map(Object.entries(overrides).map(([name, url]) => [normalize(name), url]));
  for (const name of byName.keys()) {
    if (!known.some((subgraph) => normalize(subgraph) === name)) {
      throw new ConfigError(
        `${name.toUpperCase()}_SUBGRAPH_URL names no subgraph of the supergraph (it has: ${known.join(", ")})`,
      );
    }
  }
  return (subgraphName) => byName.get(normalize(subgraphName));
}
