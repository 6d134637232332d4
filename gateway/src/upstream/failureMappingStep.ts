import { ErrorCode } from "@logicore/errors";
import { GraphQLError } from "graphql";
import type { Logger } from "pino";
import type { GatewayMetrics } from "../resilience/gatewayMetrics.js";
import type { UpstreamStep } from "./pipeline.js";
import { classifySubgraphFailure, type SubgraphFailureCode } from "./subgraphFailure.js";

export interface FailureMappingStepOptions {
  /** Counts calls that ended as SUBGRAPH_UNAVAILABLE in `subgraphFallbacks`. */
  metrics: Pick<GatewayMetrics, "subgraphFallbacks">;
  logger: Logger;
}

/**
 * Turns a call that failed for good (retries spent) into a coded GraphQL error for that
 * subgraph's fields only, so the other subgraphs' data still reaches the client. The cause is
 * logged with the request id; the client sees the code and the service's name, never its URL or
 * the library's message.
 */
export function failureMappingStep(options: FailureMappingStepOptions): UpstreamStep {
  const { metrics, logger } = options;
  return async (call, next) => {
    try {
      return await next(call);
    } catch (failure) {
      const { serviceName, context } = call;
      const { code } = classifySubgraphFailure(failure);
      if (code === ErrorCode.SUBGRAPH_UNAVAILABLE) metrics.subgraphFallbacks.inc({ subgraph: serviceName });
      logger.warn({ err: failure, serviceName, requestId: context.requestId }, "subgraph call failed");
      throw new GraphQLError(clientMessage(code, serviceName), { extensions: { code, serviceName } });
    }
  };
}

function clientMessage(code: SubgraphFailureCode, serviceName: string): string {
  switch (code) {
    case ErrorCode.UNAUTHENTICATED:
      return "Authentication is required";
    case ErrorCode.FORBIDDEN:
      return "You are not allowed to do this";
    case ErrorCode.SUBGRAPH_UNAVAILABLE:
      return `The ${serviceName} service is unavailable`;
    default:
      return code satisfies never;
  }
}
