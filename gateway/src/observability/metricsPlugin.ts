import type { ApolloServerPlugin } from "@apollo/server";
import type { GatewayContext } from "../gatewayContext.js";
import { createBoundedLabel } from "./boundedLabel.js";
import type { ObservabilityMetrics } from "./observabilityMetrics.js";
import { operationFactsOf } from "./operationFacts.js";

export interface MetricsPluginOptions {
  metrics: ObservabilityMetrics;
  /**
   * Distinct operation names given their own label value; later new names count as "other", so a
   * client inventing names cannot create series without end. @default 100
   */
  maxOperationNames?: number;
  /** Distinct error codes given their own label value, later new ones count as "other". @default 50 */
  maxErrorCodes?: number;
}

const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
// Our codes are SCREAMING_SNAKE_CASE; subgraphs or libraries could send anything.
const ERROR_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

/**
 * Counts and times every GraphQL operation by name, type and outcome, and counts the error codes
 * of every response. Names and codes come from clients, so their label values are bounded.
 */
export function createMetricsPlugin(options: MetricsPluginOptions): ApolloServerPlugin<GatewayContext> {
  const { metrics } = options;
  const operationName = createBoundedLabel({
    pattern: OPERATION_NAME,
    maxDistinct: options.maxOperationNames ?? 100,
  });
  const errorCode = createBoundedLabel({ pattern: ERROR_CODE, maxDistinct: options.maxErrorCodes ?? 50 });
  return {
    // A request whose context fails (a refused token) never reaches requestDidStart: its code still counts.
    async contextCreationDidFail({ error }) {
      const code = (error as { extensions?: { code?: unknown } }).extensions?.code;
      metrics.graphqlErrors.inc({ code: typeof code === "string" ? errorCode(code) : "UNKNOWN" });
    },
    async requestDidStart() {
      let executed = false;
      return {
        async executionDidStart() {
          executed = true;
        },
        async willSendResponse(requestContext) {
          const facts = operationFactsOf(requestContext, executed);
          const labels = {
            operation_name: facts.name === null ? "anonymous" : operationName(facts.name),
            operation_type: facts.type,
            outcome: facts.outcome,
          };
          metrics.operations.inc(labels);
          metrics.operationDuration.observe(labels, facts.durationMs / 1000);
          for (const code of facts.errorCodes) metrics.graphqlErrors.inc({ code: errorCode(code) });
        },
      };
    },
  };
}
