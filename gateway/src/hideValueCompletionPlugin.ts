import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { Logger } from "pino";

export interface HideValueCompletionPluginOptions {
  /** Receives, at debug, what was removed. */
  logger: Logger;
}

/**
 * The gateway's query-plan execution reports a value it had to null after the subgraphs answered
 * (an order whose customer was deleted: `User.email` missing) in the response's own
 * `extensions.valueCompletion`, with an internal code (INVALID_GRAPHQL). The nulled field is what
 * the client is meant to see; the report is for operators, so it goes to the log instead.
 */
export function createHideValueCompletionPlugin<TContext extends BaseContext>(
  options: HideValueCompletionPluginOptions,
): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== "single") return;
          const result = response.body.singleResult;
          if (result.extensions?.valueCompletion === undefined) return;
          const { valueCompletion, ...rest } = result.extensions;
          options.logger.debug({ valueCompletion }, "value completion nulled fields of the response");
          if (Object.keys(rest).length > 0) result.extensions = rest;
          else delete result.extensions;
        },
      };
    },
  };
}
