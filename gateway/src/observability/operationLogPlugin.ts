import type { ApolloServerPlugin } from "@apollo/server";
import type { Logger } from "pino";
import type { GatewayContext } from "../gatewayContext.js";
import { operationFactsOf } from "./operationFacts.js";

export interface OperationLogPluginOptions {
  logger: Logger;
  /** Longest operation name logged as is; longer ones are cut, as clients choose them. @default 100 */
  maxOperationNameLength?: number;
}

/**
 * One log line per GraphQL request, with what the per-HTTP-request line cannot know: the operation,
 * who asked (the viewer's id, never the token) and every subgraph call it took.
 */
export function createOperationLogPlugin(
  options: OperationLogPluginOptions,
): ApolloServerPlugin<GatewayContext> {
  const { logger } = options;
  const maxNameLength = options.maxOperationNameLength ?? 100;
  return {
    async requestDidStart() {
      let executed = false;
      return {
        async executionDidStart() {
          executed = true;
        },
        async willSendResponse(requestContext) {
          const facts = operationFactsOf(requestContext, executed);
          const { contextValue } = requestContext;
          logger.info(
            {
              requestId: contextValue.requestId,
              traceId: contextValue.trace.traceId,
              operationName: facts.name?.slice(0, maxNameLength) ?? null,
              operationType: facts.type,
              outcome: facts.outcome,
              durationMs: facts.durationMs,
              status: facts.status,
              userId: contextValue.viewer?.id ?? null,
              subgraphCalls: contextValue.subgraphCalls,
            },
            "graphql operation",
          );
        },
      };
    },
  };
}
