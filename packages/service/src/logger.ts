import type { LogFormat, LogLevel } from "@logicore/config";
import { type DestinationStream, type Logger, pino } from "pino";
import prettyStream from "pino-pretty";

export interface LoggerOptions {
  /** The deployable's name, on every line as `service`. */
  service: string;
  /** @default "info" */
  level?: LogLevel;
  /** `pretty` for a person at a terminal (see `logFormatFromEnv`). @default "json" */
  format?: LogFormat;
  /** Where lines go. @default stdout */
  destination?: DestinationStream;
}

/** Secrets never reach the logs, whatever a caller passes to them. */
const secretKeys = ["password", "currentPassword", "newPassword", "token", "refreshToken", "accessToken"];
const redact = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-api-key"]',
  // At the top of a log object and one level down (pino's paths do not recurse).
  ...secretKeys,
  ...secretKeys.map((key) => `*.${key}`),
];

export function createLogger(options: LoggerOptions): Logger {
  const settings = {
    level: options.level ?? "info",
    base: { service: options.service },
    redact: { paths: redact, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  };
  if (options.format !== "pretty") return pino(settings, options.destination ?? pino.destination(1));
  // A synchronous stream in this thread rather than pino's worker transport: lines are never lost
  // when the process exits, and redaction has already happened by the time they are formatted.
  return pino(
    settings,
    prettyStream({
      destination: options.destination ?? 1,
      sync: true,
      translateTime: "SYS:HH:MM:ss.l",
      ignore: "pid,hostname",
    }),
  );
}
