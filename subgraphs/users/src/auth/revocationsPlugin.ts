import type { ApolloServerPlugin } from "@apollo/server";
import { type Revocation, withRevocations } from "@logicore/auth";

export { REVOCATIONS_EXTENSION } from "@logicore/auth";

export interface RevocationCollector {
  /** Revocations this request caused; the gateway enforces them for every replica. */
  revocations: Revocation[];
}

/**
 * The users subgraph owns sessions; the gateway owns the fast per-request check. Revocations ride
 * back on the response that caused them, so the gateway's store learns them without a second channel.
 */
export function createRevocationsPlugin<
  TContext extends RevocationCollector,
>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (contextValue.revocations.length === 0 || response.body.kind !== "single") return;
          response.body.singleResult.extensions = withRevocations(
            response.body.singleResult.extensions,
            contextValue.revocations,
          );
        },
      };
    },
  };
}
