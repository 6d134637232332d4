/**
 * Helpers for each deployable's `config.ts`: read `process.env` once, fail fast with a message that
 * names the variable and the form it expects.
 */
export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function stringFromEnv(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

export function intFromEnv(
  env: Env,
  name: string,
  fallback: number,
  range: { min?: number; max?: number } = {},
): number {
  const raw = stringFromEnv(env, name);
  if (raw === undefined) return fallback;
  const value = Number(raw);
  const { min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER } = range;
  if (!/^-?\d+$/.test(raw) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number${bounds(range)}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

// Only the bounds a variable has: "from 0 to 65535", "of at least 1", or none.
function bounds({ min, max }: { min?: number; max?: number }): string {
  if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
  if (min !== undefined) return ` of at least ${min}`;
  return max === undefined ? "" : ` of at most ${max}`;
}

export function urlFromEnv(env: Env, name: string, protocols: readonly string[]): string | undefined {
  const raw = stringFromEnv(env, name);
  if (raw === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL (${protocols.join(" or ")}), got an unparsable value`);
  }
  if (!protocols.includes(url.protocol)) {
    throw new ConfigError(`${name} must use ${protocols.join(" or ")}, got ${url.protocol}`);
  }
  return raw;
}

export type Mode = "development" | "production";

/** Anything but NODE_ENV=production is development: production has to be asked for explicitly. */
export function modeFromEnv(env: Env): Mode {
  return env.NODE_ENV === "production" ? "production" : "development";
}

/**
 * HOST, else loopback in development (the development ADMIN's password is public: a laptop must not
 * serve it to its network) and every interface in production (containers are reached from outside).
 */
export function listenHostFromEnv(env: Env, mode: Mode): string {
  return stringFromEnv(env, "HOST") ?? (mode === "production" ? "0.0.0.0" : "127.0.0.1");
}

const levels = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof levels)[number];

export function logLevelFromEnv(env: Env, fallback: LogLevel = "info"): LogLevel {
  const raw = stringFromEnv(env, "LOG_LEVEL");
  if (raw === undefined) return fallback;
  if (!(levels as readonly string[]).includes(raw)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${levels.join(", ")}, got ${JSON.stringify(raw)}`);
  }
  return raw as LogLevel;
}

const logFormats = ["json", "pretty"] as const;
export type LogFormat = (typeof logFormats)[number];

/**
 * LOG_FORMAT: `json` (one object per line, for collectors) or `pretty` (coloured, for a person).
 * Unset, a terminal gets pretty lines and anything else (a pipe, a file, a container runtime) JSON,
 * so nobody has to remember to switch it off in production.
 */
export function logFormatFromEnv(env: Env, stdoutIsTTY: boolean): LogFormat {
  const raw = stringFromEnv(env, "LOG_FORMAT");
  if (raw === undefined) return stdoutIsTTY ? "pretty" : "json";
  if (!(logFormats as readonly string[]).includes(raw)) {
    throw new ConfigError(`LOG_FORMAT must be one of ${logFormats.join(", ")}, got ${JSON.stringify(raw)}`);
  }
  return raw as LogFormat;
}
