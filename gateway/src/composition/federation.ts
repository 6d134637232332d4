import { ApolloGateway, type GraphQLDataSource, type ServiceEndpointDefinition } from "@apollo/gateway";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import { createQueryPlanCache } from "../observability/queryPlanCache.js";

export interface FederationOptions {
  supergraphSdl: string;
  logger: Logger;
  /** Where the query-plan cache reports hits and misses. */
  registry: Registry;
  /** The data source of each subgraph (the upstream pipeline). */
  buildService: (definition: ServiceEndpointDefinition) => GraphQLDataSource;
}

export interface Federation {
  readonly gateway: ApolloGateway;
  /** Whether a supergraph is loaded, so operations can be planned (readiness). */
  isLoaded(): boolean;
}

/** @apollo/gateway over a static supergraph, logging through ours, planning through our cache. */
export function createFederation(options: FederationOptions): Federation {
  const { logger } = options;
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
    queryPlannerConfig: { cache: createQueryPlanCache({ registry: options.registry }) },
    buildService: options.buildService,
  });
  let loaded = false;
  gateway.onSchemaLoadOrUpdate(() => {
    loaded = true;
  });
  return { gateway, isLoaded: () => loaded };
}
