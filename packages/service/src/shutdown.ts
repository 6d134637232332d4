import type { Logger } from "pino";

/**
 * SIGTERM (Kubernetes) and SIGINT (Ctrl-C) both drain: `close` stops accepting, finishes in-flight
 * requests and releases resources; a second signal exits at once.
 */
export function closeOnSignals(close: () => Promise<void>, logger: Logger): void {
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) {
      logger.warn({ signal }, "second signal: exiting without waiting");
      process.exit(1);
    }
    closing = true;
    logger.info({ signal }, "draining before exit");
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, "error while draining");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
