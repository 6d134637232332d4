import type { GraphQLRequestContextWillSendResponse } from "@apollo/server";
import { Kind, type OperationDefinitionNode } from "graphql";
import type { GatewayContext } from "../gatewayContext.js";
import type { OperationOutcome } from "./observabilityMetrics.js";

/** What the metrics and the log line say about one GraphQL request once its response is ready. */
export interface OperationFacts {
  /** As the client named it; null for an anonymous operation (or one that never parsed). */
  readonly name: string | null;
  /** query, mutation, subscription, or "unknown" when the document did not parse or validate. */
  readonly type: string;
  readonly outcome: OperationOutcome;
  readonly durationMs: number;
  readonly status: number;
  /** extensions.code of every error in the response ("UNKNOWN" when an error carries none). */
  readonly errorCodes: readonly string[];
}

/**
 * Reads the facts off Apollo's request context. `executed` says whether execution started: errors
 * before it (parse, validation, authorization) mean the gateway refused the operation, errors after
 * it mean the operation ran and (partly) failed.
 */
export function operationFactsOf(
  requestContext: GraphQLRequestContextWillSendResponse<GatewayContext>,
  executed: boolean,
): OperationFacts {
  const { response, contextValue } = requestContext;
  const errors = response.body.kind === "single" ? (response.body.singleResult.errors ?? []) : [];
  const errorCodes = errors.map(({ extensions }) =>
    typeof extensions?.code === "string" ? extensions.code : "UNKNOWN",
  );
  const outcome: OperationOutcome = errors.length === 0 ? "success" : executed ? "error" : "rejected";
  // Apollo resolves the operation only once the document is valid; a refused one is still named
  // from its parsed document, so a dashboard can tell which operation keeps failing validation.
  const operation =
    requestContext.operation ?? operationIn(requestContext.document, requestContext.request.operationName);
  return {
    name: operation?.name?.value ?? requestContext.request.operationName ?? null,
    type: operation?.operation ?? "unknown",
    outcome,
    durationMs: Math.round((performance.now() - contextValue.receivedAt) * 100) / 100,
    status: response.http.status ?? 200,
    errorCodes,
  };
}

function operationIn(
  document: GraphQLRequestContextWillSendResponse<GatewayContext>["document"],
  operationName: string | undefined,
): OperationDefinitionNode | undefined {
  const operations = (document?.definitions ?? []).filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (operationName === undefined) return operations.length === 1 ? operations[0] : undefined;
  return operations.find((operation) => operation.name?.value === operationName);
}
