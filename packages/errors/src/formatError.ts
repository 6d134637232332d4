import type { FormatErrorStep } from "./formatErrorPipeline.js";
import { type HideInternalErrorsOptions, hideInternalErrors } from "./hideInternalErrors.js";
import { hideVariableSuggestions } from "./hideSuggestions.js";
import { rewordApolloRequestErrors } from "./rewordApolloRequestErrors.js";

export interface FormatErrorOptions {
  /** Receives every error that is hidden from the client, with its original (stack included). */
  onInternalError: HideInternalErrorsOptions["onInternalError"];
  /** Database-unreachable errors, answered SERVICE_UNAVAILABLE. @default none */
  unavailable?: HideInternalErrorsOptions["unavailable"];
}

/** A subgraph's `formatError` steps, in the order they apply. */
export function subgraphFormatErrorSteps(options: FormatErrorOptions): FormatErrorStep[] {
  return [
    rewordApolloRequestErrors,
    hideVariableSuggestions,
    hideInternalErrors({
      onInternalError: options.onInternalError,
      ...(options.unavailable && { unavailable: options.unavailable }),
    }),
  ];
}
