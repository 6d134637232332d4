import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { ConfigError, type Mode } from "@logicore/config";
import { formatErrorPipeline, subgraphFormatErrorSteps } from "@logicore/errors";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { DocumentNode, GraphQLSchema } from "graphql";
import type { Logger } from "pino";
import { createGraphQLHttpServer, type GraphQLHttpServer } from "./createGraphQLHttpServer.js";
import { createDatabaseOutage, isDatabaseUnreachable } from "./databaseOutage.js";
import { createOperationMetricsPlugin } from "./operationMetricsPlugin.js";
import type { CallerCheck } from "./subgraph/callerCheck.js";
import { createSubgraphMetrics, type SubgraphMetrics } from "./subgraphMetrics.js";

/** A subgraph's resolvers by type name, typed at their source (generated from its SDL). */
export type ResolverMap = Readonly<Record<string, object | undefined>>;

export interface SubgraphServerOptions<TContext extends BaseContext> {
  /** Used in log messages and as the `subgraph` label of its metrics. */
  name: string;
  typeDefs: DocumentNode;
  resolvers: ResolverMap;
  context: (request: FastifyRequest, reply: FastifyReply) => Promise<TContext>;
  /** Rejects when the subgraph's database is unreachable: `/health/ready` then answers 503. */
  ping: () => Promise<void>;
  mode: Mode;
  logger: Logger;
  /** Wraps the built schema, e.g. with graphql-shield permissions. @default none */
  applyMiddleware?: (schema: GraphQLSchema) => GraphQLSchema;
  /** Extra Apollo Server plugins. @default [] */
  plugins?: ApolloServerPlugin<TContext>[];
  /**
   * Served at `GET /metrics`; pass one built with the database pool and tables so SQL is counted too.
   * @default process and operation metrics only, on a registry of this server's own
   */
  metrics?: SubgraphMetrics;
  /**
   * Verifies the gateway's proof on every `/graphql` request (`createGatewayProofVerifier` of
   * @logicore/auth); others get 401. Required in production. @default development: none, every
   * caller is answered (a subgraph built alone in a test)
   */
  callerCheck?: CallerCheck;
}

/** A federated subgraph in the shared HTTP shell, with the shared error policy. */
export async function createSubgraphServer<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<GraphQLHttpServer> {
  const { mode, logger, callerCheck } = options;
  if (mode === "production" && callerCheck === undefined) {
    throw new ConfigError(`the ${options.name} subgraph needs SUBGRAPH_SIGNING_KEY in production`);
  }
  const metrics = options.metrics ?? createSubgraphMetrics({ subgraph: options.name });
  // buildSubgraphSchema's resolver map type cannot express typed contexts; the resolvers are typed at their source.
  const built = buildSubgraphSchema([{ typeDefs: options.typeDefs, resolvers: options.resolvers as never }]);
  const schema = options.applyMiddleware ? options.applyMiddleware(built) : built;
  const outage = createDatabaseOutage({ subgraph: options.name, logger, failures: metrics.dbUnavailable });
  const server = await createGraphQLHttpServer<TContext>({
    apollo: {
      schema,
      introspection: mode === "development",
      includeStacktraceInErrorResponses: false,
      // Federated traces are for GraphOS, which LogiCore does not use; they cost time per request.
      plugins: [
        ApolloServerPluginInlineTraceDisabled(),
        createOperationMetricsPlugin<TContext>({ subgraph: options.name, metrics }),
        ...(options.plugins ?? []),
      ],
      formatError: formatErrorPipeline(
        subgraphFormatErrorSteps({
          onInternalError: (error) =>
            logger.error({ err: error }, `unexpected error in ${options.name} subgraph`),
          unavailable: { matches: isDatabaseUnreachable, onUnavailable: outage.failed },
        }),
      ),
    },
    context: options.context,
    readiness: async () => {
      try {
        await options.ping();
      } catch (error) {
        // The cause (host, port, driver message) goes to the log once; the probe's body stays fixed.
        outage.failed(error);
        return { ready: false, details: { database: "unreachable" } };
      }
      outage.reached();
      return { ready: true };
    },
    logger,
    ...(callerCheck && { callerCheck }),
  });
  server.app.get("/metrics", async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  return server;
}
