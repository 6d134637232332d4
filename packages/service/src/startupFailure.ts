import { inspect } from "node:util";
import { ConfigError } from "@logicore/config";

/** Exit status of a deployable that refused its configuration (sysexits' EX_CONFIG); a crash exits 1. */
export const CONFIG_EXIT_CODE = 78;

/**
 * Until the returned function is called (once the deployable is up), a ConfigError that reaches the
 * top of start-up is reported as what it is, the operator's to fix: one line naming the service and
 * the variable, no stack, exit status 78. Any other error still prints in full and exits 1.
 */
export function exitOnConfigError(service: string): () => void {
  const onError = (error: unknown) => {
    if (error instanceof ConfigError) {
      process.stderr.write(`logicore ${service}: ${error.message}\n`);
      process.exit(CONFIG_EXIT_CODE);
    }
    process.stderr.write(`${inspect(error)}\n`);
    process.exit(1);
  };
  process.on("uncaughtException", onError);
  return () => process.off("uncaughtException", onError);
}
