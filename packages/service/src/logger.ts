import { type Logger, pino } from "pino";
import type { LogLevel } from "./env.js";

export interface LoggerOptions {
  /** The deployable's name, on every line as `service`. */
  service: string;
  /** @default "info" */
  level?: LogLevel;
}

/** Secrets never reach the logs, whatever a caller passes to them. */
const redact = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-api-key"]',
  "*.password",
  "*.currentPassword",
  "*.newPassword",
  "*.token",
  "*.refreshToken",
  "*.accessToken",
];

export function createLogger(options: LoggerOptions): Logger {
  return pino({
    level: options.level ?? "info",
    base: { service: options.service },
    redact: { paths: redact, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
