import { ApolloGateway } from "@apollo/gateway";
import {
  ApolloServerPluginLandingPageLocalDefault,
  ApolloServerPluginLandingPageProductionDefault,
} from "@apollo/server/plugin/landingPage/default";
import { ConfigError, createGraphQLHttpServer, type GraphQLHttpServer, type Mode } from "@logicore/service";
import type { Logger } from "pino";
import { createGatewayFormatError } from "./formatGatewayError.js";
import { createGatewayContext, type GatewayContext } from "./gatewayContext.js";
import { SubgraphDataSource } from "./subgraphDataSource.js";
import { subgraphNamesOf } from "./supergraphSubgraphs.js";

export interface GatewayOptions {
  /** The composed supergraph (`schema/supergraph.graphql`), loaded once at start-up. */
  supergraphSdl: string;
  /**
   * Subgraph name -> URL replacing the supergraph's (local-development) URL for that subgraph.
   * Names match case-insensitively, with `-` and `_` alike, as they come from environment
   * variables. A name the supergraph does not declare is an error. @default {}
   */
  subgraphUrlOverrides?: Readonly<Record<string, string>>;
  /** Development turns on Sandbox, introspection and the dev user header; production none of them. */
  mode: Mode;
  logger: Logger;
}

/** The federated gateway over the subgraphs the supergraph declares, in its HTTP shell. */
export async function createGateway(options: GatewayOptions): Promise<GraphQLHttpServer> {
  const { mode, logger } = options;
  const urlFor = overrideLookup(options.supergraphSdl, options.subgraphUrlOverrides ?? {});

  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    logger,
    buildService: ({ name, url }) => {
      const target = urlFor(name) ?? url;
      if (target === undefined) throw new ConfigError(`Subgraph ${name} has no URL in the supergraph`);
      logger.info({ serviceName: name, url: target }, "subgraph");
      return new SubgraphDataSource({ name, url: target, logger });
    },
  });
  let supergraphLoaded = false;
  gateway.onSchemaLoadOrUpdate(() => {
    supergraphLoaded = true;
  });

  const development = mode === "development";
  return createGraphQLHttpServer<GatewayContext>({
    apollo: {
      gateway,
      logger,
      nodeEnv: mode,
      introspection: development,
      includeStacktraceInErrorResponses: false,
      // With introspection off, "Did you mean ...?" suggestions would still reveal the schema.
      hideSchemaDetailsFromClientErrors: !development,
      formatError: createGatewayFormatError({ logger }),
      plugins: [
        development
          ? ApolloServerPluginLandingPageLocalDefault({ footer: false })
          : ApolloServerPluginLandingPageProductionDefault({ footer: false }),
      ],
    },
    context: createGatewayContext(mode),
    readiness: async () => ({
      ready: supergraphLoaded,
      details: { supergraph: supergraphLoaded ? "loaded" : "missing" },
    }),
    logger,
  });
}

const normalize = (name: string): string => name.toLowerCase().replaceAll("-", "_");

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
