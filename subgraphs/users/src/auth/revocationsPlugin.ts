import type { ApolloServerPlugin } from "@apollo/server";
import type { Revocation } from "@logicore/auth";

export interface RevocationCollector {
  /** Revocations this request caused; the gateway enforces them for every replica. */
  revocations: Revocation[];
}

/** The response extension the gateway reads (and never passes on to clients). */
export const REVOCATIONS_EXTENSION = "logicoreRevocations";

/**
 * The users subgraph owns sessions; the gateway owns the fast per-request check. Revocations ride
 * back on the response that caused them, so the gateway's store learns them without a second channel.
 */
export function revocationsPlugin<TContext extends RevocationCollector>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          if (contextValue.revocations.length === 0 || response.body.kind !== "single") return;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            [REVOCATIONS_EXTENSION]: contextValue.revocations,
          };
        },
      };
    },
  };
}
