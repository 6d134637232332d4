import type { RevocationStore } from "@logicore/auth";
import { takeRevocations } from "@logicore/auth";
import type { Logger } from "pino";
import type { UpstreamStep } from "./pipeline.js";

export interface RevocationIntakeStepOptions {
  /** Where revocations the subgraph reports go, so every replica refuses those tokens at once. */
  revocations: Pick<RevocationStore, "revoke">;
  logger: Logger;
}

/**
 * Records the revocations a subgraph reports in its response extensions (logout, a reused refresh
 * token) and removes them from the response: they are between subgraph and gateway only.
 */
export function revocationIntakeStep(options: RevocationIntakeStepOptions): UpstreamStep {
  const { logger } = options;
  return async (call, next) => {
    const response = await next(call);
    const { revocations, malformed, remaining } = takeRevocations(response.extensions);
    const { serviceName, context } = call;
    if (malformed > 0) logger.warn({ serviceName, malformed }, "subgraph reported malformed revocations");
    // Recorded before the client hears the operation succeeded: a logged-out token fails on its
    // very next request, on any replica. If the store cannot take them the operation fails,
    // and the client may repeat it (ending a session again is harmless).
    for (const revocation of revocations) await options.revocations.revoke(revocation);
    if (revocations.length > 0) {
      logger.info(
        { serviceName, requestId: context.requestId, revocations: revocations.length },
        "revocations recorded",
      );
    }
    if (remaining === response.extensions) return response;
    const { extensions: _extensions, ...rest } = response;
    return remaining === undefined ? rest : { ...rest, extensions: remaining };
  };
}
