import { createFormatError } from "@logicore/errors";
import type { GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";

export interface GatewayFormatErrorOptions {
  /** Receives every error hidden from clients, with its stack. */
  logger: Logger;
}

/**
 * Apollo Server `formatError` for the gateway. Subgraph errors arrive with the subgraph's own
 * extensions, which outside production include `stacktrace` and sometimes `exception`, and with
 * `response` (the subgraph's URL) when the call failed: those never leave the gateway. Public codes
 * keep their message and `field`; anything else becomes INTERNAL_SERVER_ERROR and is logged.
 */
export function createGatewayFormatError(options: GatewayFormatErrorOptions) {
  const formatPublicError = createFormatError({
    onInternalError: (error) => options.logger.error({ err: error }, "internal error hidden from the client"),
  });
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const {
      stacktrace: _stacktrace,
      exception: _exception,
      response: _response,
      ...extensions
    } = formatted.extensions ?? {};
    const shaped = formatPublicError({ ...formatted, extensions }, error);
    const { serviceName } = extensions;
    // A hidden error still says which subgraph it came from: that points operators and client
    // developers at the right team without telling anything about how the service is built.
    if (typeof serviceName !== "string" || shaped.extensions?.serviceName !== undefined) return shaped;
    return { ...shaped, extensions: { ...shaped.extensions, serviceName } };
  };
}
