import { ConfigError, type Env, stringFromEnv, urlFromEnv } from "@logicore/config";

/** Authentication settings shared by the gateway and every subgraph, read once at start-up. */
export interface AuthConfig {
  /** JWT_ISSUER: the `iss` claim written and required. @default "logicore" */
  issuer: string;
  /** JWT_AUDIENCE: the `aud` claim written and required. @default "logicore-api" */
  audience: string;
  /** JWT_EXPIRY: access-token lifetime, whole seconds or 30s/15m/1h/7d. @default 15m (900) */
  accessTokenTtlSeconds: number;
  /** JWT_REFRESH_EXPIRY: refresh-token (session) lifetime, same forms. @default 7d (604800) */
  refreshTokenTtlSeconds: number;
  /** JWT_PRIVATE_KEY: PEM (literal "\n" sequences accepted, as env files often carry them). */
  privateKeyPem: string | undefined;
  /** JWT_PUBLIC_KEY: PEM, same forms. */
  publicKeyPem: string | undefined;
  /** REDIS_URL: redis:// or rediss://; shared revocation state and counters when set. */
  redisUrl: string | undefined;
}

const DEFAULT_ACCESS_TTL_SECONDS = 15 * 60;
const DEFAULT_REFRESH_TTL_SECONDS = 7 * 24 * 60 * 60;
// A year bounds typos like JWT_EXPIRY=9999999d that would make revocation entries live forever.
const MAX_TTL_SECONDS = 365 * 24 * 60 * 60;

const unitSeconds = { s: 1, m: 60, h: 60 * 60, d: 24 * 60 * 60 } as const;

function secondsFromEnv(env: Env, name: string, fallback: number): number {
  const raw = stringFromEnv(env, name);
  if (raw === undefined) return fallback;
  const match = /^(\d+)([smhd]?)$/.exec(raw);
  const amount = Number(match?.[1]);
  const unit = (match?.[2] || "s") as keyof typeof unitSeconds;
  const seconds = amount * unitSeconds[unit];
  if (!match || !Number.isSafeInteger(seconds) || seconds < 1 || seconds > MAX_TTL_SECONDS) {
    throw new ConfigError(
      `${name} must be a positive duration of at most 365d, as whole seconds or like 30s, 15m, 1h, 7d; got ${JSON.stringify(raw)}`,
    );
  }
  return seconds;
}

function pemFromEnv(env: Env, name: string): string | undefined {
  const raw = stringFromEnv(env, name);
  if (raw === undefined) return undefined;
  // Env files and CI secrets often hold a PEM on one line with escaped newlines.
  const pem = raw.replaceAll("\\n", "\n").replaceAll("\r\n", "\n");
  if (!/^-----BEGIN [A-Z0-9 ]+-----\n[\s\S]+\n-----END [A-Z0-9 ]+-----$/.test(pem)) {
    throw new ConfigError(`${name} must be a PEM block (-----BEGIN ...----- ... -----END ...-----)`);
  }
  return pem;
}

export function loadAuthConfig(env: Env): AuthConfig {
  const accessTokenTtlSeconds = secondsFromEnv(env, "JWT_EXPIRY", DEFAULT_ACCESS_TTL_SECONDS);
  const refreshTokenTtlSeconds = secondsFromEnv(env, "JWT_REFRESH_EXPIRY", DEFAULT_REFRESH_TTL_SECONDS);
  if (accessTokenTtlSeconds > refreshTokenTtlSeconds) {
    throw new ConfigError(
      `JWT_EXPIRY (${accessTokenTtlSeconds}s) must not be longer than JWT_REFRESH_EXPIRY (${refreshTokenTtlSeconds}s)`,
    );
  }
  return Object.freeze({
    issuer: stringFromEnv(env, "JWT_ISSUER") ?? "logicore",
    audience: stringFromEnv(env, "JWT_AUDIENCE") ?? "logicore-api",
    accessTokenTtlSeconds,
    refreshTokenTtlSeconds,
    privateKeyPem: pemFromEnv(env, "JWT_PRIVATE_KEY"),
    publicKeyPem: pemFromEnv(env, "JWT_PUBLIC_KEY"),
    redisUrl: urlFromEnv(env, "REDIS_URL", ["redis:", "rediss:"]),
  });
}
