import type { GraphQLFormattedError } from "graphql";
import { isPublicErrorCode } from "./codes.js";

export interface FormatErrorOptions {
  /** Receives every error that is hidden from the client, with its original (stack included). */
  onInternalError: (error: unknown) => void;
}

/**
 * Apollo Server `formatError`: errors with a public code go out with their message and public
 * extensions only; anything else is logged and replaced by a bare INTERNAL_SERVER_ERROR, so no
 * stack, SQL or library message ever reaches a client.
 */
export function createFormatError(options: FormatErrorOptions) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    if (isPublicErrorCode(extensions.code) && extensions.code !== "INTERNAL_SERVER_ERROR") {
      return { ...formatted, extensions };
    }
    options.onInternalError(error);
    return {
      message: "Internal server error",
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}
