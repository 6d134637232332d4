import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { SubgraphMetrics } from "./subgraphMetrics.js";

export interface OperationMetricsPluginOptions {
  /** The `subgraph` label. */
  subgraph: string;
  metrics: SubgraphMetrics;
}

/**
 * Times every GraphQL request from arrival to response. `operation_type` is "unknown" when the
 * document did not parse or validate; `outcome` is "error" when the response carries any error.
 */
export function createOperationMetricsPlugin<TContext extends BaseContext>(
  options: OperationMetricsPluginOptions,
): ApolloServerPlugin<TContext> {
  const { subgraph, metrics } = options;
  return {
    async requestDidStart() {
      const stopTimer = metrics.operationDuration.startTimer({ subgraph });
      let failed = false;
      return {
        async didEncounterErrors() {
          failed = true;
        },
        async willSendResponse({ operation }) {
          stopTimer({
            operation_type: operation?.operation ?? "unknown",
            outcome: failed ? "error" : "success",
          });
        },
      };
    },
  };
}
