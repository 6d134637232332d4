import type { UpstreamStep } from "./pipeline.js";
import { SubgraphAnswerError } from "./subgraphFailure.js";

/**
 * Checks that a subgraph answers an `_entities` fetch with one entity per representation sent, as
 * the query plan relies on. A well-formed answer of the wrong length would otherwise fail deep in
 * the gateway's executor as a bare INTERNAL_SERVER_ERROR, naming no subgraph and counted nowhere;
 * here it fails the call with SubgraphAnswerError, which the breaker and the metrics count and the
 * client sees as SUBGRAPH_UNAVAILABLE for that subgraph's fields. Inside the breaker step.
 */
export function entitiesCountStep(): UpstreamStep {
  return async (call, next) => {
    const response = await next(call);
    const representations = call.request.request.variables?.representations;
    const entities = (response.data as { _entities?: unknown } | null | undefined)?._entities;
    if (
      Array.isArray(representations) &&
      Array.isArray(entities) &&
      entities.length !== representations.length
    ) {
      throw new SubgraphAnswerError(
        call.serviceName,
        "entities_mismatch",
        `${entities.length} _entities for ${representations.length} representations`,
      );
    }
    return response;
  };
}
