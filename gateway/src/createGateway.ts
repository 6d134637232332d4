import { createGraphQLHttpServer, createMetricsRegistry, type GraphQLHttpServer } from "@logicore/service";
import { gatewayRules } from "./authorization/rules.js";
import { gatewayApolloOptions } from "./composition/apolloOptions.js";
import { createFederation } from "./composition/federation.js";
import { closingAfterDrain, gatewayReadiness } from "./composition/lifecycle.js";
import { registerGatewayRoutes } from "./composition/routes.js";
import { subgraphNamesOf, subgraphUrlLookup } from "./config/supergraphChecks.js";
import { createGatewayContext, type GatewayContext } from "./gatewayContext.js";
import type { GatewayOptions } from "./gatewayOptions.js";
import { EXPLORER_PATH } from "./http/explorerRoute.js";
import { createObservabilityMetrics } from "./observability/observabilityMetrics.js";
import { createOperationLimits } from "./operationLimits/createOperationLimits.js";
import { createClientRateLimiter } from "./rateLimit/clientRateLimiter.js";
import { createGatewayMetrics } from "./resilience/gatewayMetrics.js";
import { createSubgraphResilience } from "./resilience/subgraphResilience.js";
import { subgraphSigningKeyOf } from "./upstream/signatureStep.js";
import { createSubgraphDataSourceFactory } from "./upstream/subgraphDataSourceFactory.js";

export type { GatewayOptions } from "./gatewayOptions.js";

/**
 * The gateway's composition root: the federated gateway over the subgraphs the supergraph declares,
 * in its HTTP shell. Each part is built by its own module; this function only says which parts
 * there are, what each is given, and the order of shutdown.
 */
export async function createGateway(options: GatewayOptions): Promise<GraphQLHttpServer> {
  const { mode, logger, auth } = options;
  const subgraphNames = subgraphNamesOf(options.supergraphSdl);
  const urlFor = subgraphUrlLookup(options.subgraphUrlOverrides ?? {}, subgraphNames);
  // One registry: `/metrics` serves every series the gateway has.
  const registry = createMetricsRegistry();
  const metrics = createGatewayMetrics({ registry, subgraphs: subgraphNames });
  const resilience = createSubgraphResilience({
    subgraphNames,
    settings: options.resilience,
    metrics,
    logger,
  });
  const observability = createObservabilityMetrics({ registry, subgraphs: subgraphNames });
  const rateLimiter = await createClientRateLimiter({ settings: options.rateLimit, registry, logger });
  const { revocations } = auth;
  const buildService = createSubgraphDataSourceFactory({
    urlFor,
    logger,
    revocations,
    resilience,
    observability,
    signingKey: subgraphSigningKeyOf(options),
  });
  const federation = createFederation({
    supergraphSdl: options.supergraphSdl,
    logger,
    registry,
    buildService,
  });
  const server = await createGraphQLHttpServer<GatewayContext>({
    apollo: gatewayApolloOptions({
      gateway: federation.gateway,
      mode,
      logger,
      operationLimits: createOperationLimits(options.operationLimits),
      rules: options.rules ?? gatewayRules,
      observability,
    }),
    context: createGatewayContext({ auth, logger, rateLimiter }),
    readiness: gatewayReadiness(federation, resilience),
    logger,
    trustProxy: options.trustProxy ?? [],
    ...(mode === "development" ? { explorerPath: EXPLORER_PATH } : {}),
  });
  const corsOrigins = options.corsOrigins ?? [];
  await registerGatewayRoutes(server.app, {
    mode,
    corsOrigins,
    registry,
    observability,
    resilience,
    auth,
    logger,
  });
  // After the drain: in-flight requests were still calling subgraphs through the breakers.
  return closingAfterDrain(server, async () => {
    resilience.shutdown();
    await rateLimiter.close();
  });
}
