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
}

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
    options.onInternalError(error);
    const kept = keepWhenHidden.flatMap((name) => {
      const value = extensions[name];
      return typeof value === "string" ? [[name, value] as const] : [];
    });
    return {
      message: "Internal server error",
      ...(formatted.locations ? { locations: formatted.locations } : {}),
      ...(formatted.path ? { path: formatted.path } : {}),
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR, ...Object.fromEntries(kept) },
    };
  };
}
