import { ErrorCode, isPublicErrorCode } from "./codes.js";
import type { FormatErrorStep } from "./formatErrorPipeline.js";

export interface HideInternalErrorsOptions {
  /** Receives every error that is hidden from the client, with its original (stack included). */
  onInternalError: (error: unknown) => void;
  /**
   * Extensions a hidden error still carries when they are strings (the gateway keeps `serviceName`:
   * it points at the right team without telling how the service is built). @default []
   */
  keepWhenHidden?: readonly string[];
  /**
   * Recognises errors that mean a dependency (the database) is unreachable: those reach the client as
   * SERVICE_UNAVAILABLE and go to `onUnavailable` instead of `onInternalError`, since one outage
   * fails every request the same way. @default none: every unexpected error is internal
   */
  unavailable?: {
    matches: (error: unknown) => boolean;
    onUnavailable: (error: unknown) => void;
  };
}

/** What a client is told while the database is unreachable. */
export const DATABASE_UNAVAILABLE_MESSAGE = "The database is unavailable; try again shortly";

/**
 * Errors with a public code go out with their message and extensions, `stacktrace` removed;
 * anything else is logged and replaced by a bare INTERNAL_SERVER_ERROR, so no stack, SQL or library
 * message ever reaches a client.
 */
export function hideInternalErrors(options: HideInternalErrorsOptions): FormatErrorStep {
  const keepWhenHidden = options.keepWhenHidden ?? [];
  return (formatted, error) => {
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    if (isPublicErrorCode(extensions.code) && extensions.code !== ErrorCode.INTERNAL_SERVER_ERROR) {
      return { ...formatted, extensions };
    }
    const location = {
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
    };
    if (options.unavailable?.matches(error)) {
      options.unavailable.onUnavailable(error);
      return {
        message: DATABASE_UNAVAILABLE_MESSAGE,
        ...location,
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE },
      };
    }
    options.onInternalError(error);
    const kept = keepWhenHidden.flatMap((name) => {
      const value = extensions[name];
      return typeof value === "string" ? [[name, value] as const] : [];
    });
    return {
      message: "Internal server error",
      ...location,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...Object.fromEntries(kept) },
    };
  };
}
