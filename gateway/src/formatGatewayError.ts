import {
  type FormatErrorStep,
  hideInternalErrors,
  hideVariableSuggestions,
  rewordApolloRequestErrors,
} from "@logicore/errors";
import type { Logger } from "pino";

export interface GatewayFormatErrorOptions {
  /** Receives every error hidden from clients, with its stack. */
  logger: Logger;
  /** Puts back the OPERATION_LIMIT_EXCEEDED code Apollo Server replaces (`operationLimits.recodeError`). */
  recodeOperationLimitErrors: FormatErrorStep;
}

/**
 * The gateway's `formatError` steps, in the order they apply (`formatErrorPipeline` runs them):
 * Apollo's own request errors reworded, operation-limit refusals given their code back, suggestions
 * dropped from variable errors (Apollo drops them from validation errors in production), subgraph
 * internals dropped, then every error without a public code hidden as INTERNAL_SERVER_ERROR and
 * logged. A hidden error still names its subgraph (`serviceName`): that points operators and client
 * developers at the right team without telling anything about how the service is built.
 */
export function gatewayFormatErrorSteps(options: GatewayFormatErrorOptions): FormatErrorStep[] {
  const { logger } = options;
  return [
    rewordApolloRequestErrors,
    options.recodeOperationLimitErrors,
    hideVariableSuggestions,
    dropSubgraphInternals,
    hideInternalErrors({
      onInternalError: (error) => logger.error({ err: error }, "internal error hidden from the client"),
      keepWhenHidden: ["serviceName"],
    }),
  ];
}

/**
 * Subgraph errors arrive with the subgraph's own extensions, which outside production include
 * `stacktrace` and sometimes `exception`, and with `response` (the subgraph's URL) when the call
 * failed: those never leave the gateway.
 */
const dropSubgraphInternals: FormatErrorStep = (formatted) => {
  const {
    stacktrace: _stacktrace,
    exception: _exception,
    response: _response,
    ...extensions
  } = formatted.extensions ?? {};
  return { ...formatted, extensions };
};
