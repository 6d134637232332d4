import type { ApolloServerPlugin } from "@apollo/server";
import { ErrorCode } from "@logicore/errors";
import type { GraphQLSchema, OperationDefinitionNode } from "graphql";
import type { GatewayContext } from "../gatewayContext.js";
import { runtimeCodedError } from "../graphqlRuntime.js";
import { type CostEstimate, estimateOperationCost } from "./operationCost.js";
import { operationLimitError } from "./operationLimitError.js";

/** graphql-query-complexity's own default bound on the selections it visits. */
const MIN_SELECTIONS_PRICED = 10_000;

export interface CostLimitPluginOptions {
  /** The most an operation may cost (see OperationLimitsSettings.maxCost). */
  maxCost: number;
  /** How many items a list without `first`/`last` is assumed to hold. */
  defaultListSize: number;
}

/**
 * Refuses an operation whose estimated cost is over `maxCost` with OPERATION_LIMIT_EXCEEDED
 * (`limit: "maxCost"`), HTTP 400. The cost depends on the request's variables (`first: $n`), so
 * it is computed in `didResolveOperation`, once variables are known and before the gateway plans
 * the operation or calls any subgraph. An operation that cannot be priced is refused, never let
 * through unpriced.
 */
export function createCostLimitPlugin(options: CostLimitPluginOptions): ApolloServerPlugin<GatewayContext> {
  const { maxCost, defaultListSize } = options;
  // Pricing walks every fragment each time it is spread, and fragments spreading fragments expand
  // exponentially: it stops after this many selections. Nearly every selection costs at least 1,
  // so an operation expanding further is over maxCost anyway; the floor keeps a low maxCost from
  // cutting Sandbox's introspection query (a few hundred selections, priced 0) short.
  const maxSelections = Math.max(maxCost, MIN_SELECTIONS_PRICED);
  // An operation without variables costs the same on every request. Apollo Server hands every
  // request with the same text the same parsed nodes, so keying on the node prices such an
  // operation once per document text.
  const constantCosts = new WeakMap<
    OperationDefinitionNode,
    { schema: GraphQLSchema; estimate: CostEstimate }
  >();

  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          // No operation by that `operationName`: nothing to price. Apollo Server 5 does not refuse
          // it; the authorization plugin's hook, which runs beside this one, answers 400
          // OPERATION_RESOLUTION_FAILURE.
          if (operation === undefined) return;
          const constant = (operation.variableDefinitions ?? []).length === 0;
          const cached = constant ? constantCosts.get(operation) : undefined;
          const estimate =
            cached?.schema === schema
              ? cached.estimate
              : estimateOperationCost({
                  schema,
                  document,
                  operation,
                  variables: request.variables,
                  defaultListSize,
                  maxSelections,
                });
          if (constant && cached?.schema !== schema) constantCosts.set(operation, { schema, estimate });
          switch (estimate.kind) {
            case "priced":
              if (estimate.cost > maxCost) {
                throw operationLimitError({ limit: "maxCost", max: maxCost, measured: estimate.cost });
              }
              return;
            case "tooManySelections":
              throw operationLimitError({ limit: "maxCost", max: maxCost });
            case "invalidInput": {
              // As the gateway itself would refuse these variables, only before it plans instead of after.
              const { message, nodes, source, positions } = estimate.error;
              throw runtimeCodedError(ErrorCode.BAD_USER_INPUT, message, {
                ...(nodes ? { nodes } : {}),
                ...(source ? { source } : {}),
                ...(positions ? { positions } : {}),
                http: { status: 400 },
              });
            }
            default: {
              const unknown: never = estimate;
              throw new Error(`unknown cost estimate ${JSON.stringify(unknown)}`);
            }
          }
        },
      };
    },
  };
}
