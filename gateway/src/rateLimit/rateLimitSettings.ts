import type { Role } from "@logicore/auth";

/** How many GraphQL requests each client may send the gateway per window, and where they are counted. */
export interface RateLimitSettings {
  /**
   * RATE_LIMIT: requests per window of one signed-in user (a valid token), times the multiplier of
   * the user's role. 0 turns the per-user limit off. @default 1000
   */
  readonly perUser: number;
  /**
   * RATE_LIMIT_ANONYMOUS: requests per window of one client address without a valid token (none,
   * or a refused one). Stricter than per user: anonymous callers can only sign in or sign up, and
   * one address may be a whole office behind NAT. 0 turns it off. @default 300
   */
  readonly perAddress: number;
  /**
   * RATE_LIMIT_ROLE_MULTIPLIERS: role -> multiplier of `perUser`; a role not listed gets 1.
   * Back-office roles run bulk screens and exports, so they get more. @default { ADMIN: 5, MANAGER: 2 }
   */
  readonly roleMultipliers: Readonly<Partial<Record<Role, number>>>;
  /** Length of the fixed counting window, in seconds. @default 60 */
  readonly windowSeconds: number;
  /**
   * REDIS_URL: when set, the counters live in Redis and every replica spends the same budget;
   * otherwise each process counts alone. @default undefined (in-process)
   */
  readonly redisUrl: string | undefined;
  /**
   * RATE_LIMIT_KEY_PREFIX: namespace of the counters in Redis, so several gateways (environments,
   * test stacks) can share one Redis without sharing budgets. @default "logicore:gateway:rate-limit"
   */
  readonly keyPrefix: string;
  /**
   * How long one Redis command may take; a slower (or unreachable) Redis makes that request count
   * in-process instead of waiting. @default 250
   */
  readonly redisTimeoutMs: number;
}

/** What callers may leave out; `resolveRateLimitSettings` fills in the defaults. */
export type RateLimitOptions = Partial<RateLimitSettings>;

export const DEFAULT_ROLE_MULTIPLIERS: Readonly<Partial<Record<Role, number>>> = Object.freeze({
  ADMIN: 5,
  MANAGER: 2,
});

export const DEFAULT_RATE_LIMIT_SETTINGS: RateLimitSettings = Object.freeze({
  perUser: 1000,
  perAddress: 300,
  roleMultipliers: DEFAULT_ROLE_MULTIPLIERS,
  windowSeconds: 60,
  redisUrl: undefined,
  keyPrefix: "logicore:gateway:rate-limit",
  redisTimeoutMs: 250,
});

export function resolveRateLimitSettings(options: RateLimitOptions = {}): RateLimitSettings {
  return Object.freeze({ ...DEFAULT_RATE_LIMIT_SETTINGS, ...options });
}

/** Requests per window `role` may send, or undefined when the per-user limit is off. */
export function userBudget(settings: RateLimitSettings, role: Role): number | undefined {
  if (settings.perUser === 0) return undefined;
  // At least one request: a tiny multiplier must slow a role down, never lock it out.
  return Math.max(1, Math.floor(settings.perUser * (settings.roleMultipliers[role] ?? 1)));
}

/** Requests per window one anonymous address may send, or undefined when that limit is off. */
export function addressBudget(settings: RateLimitSettings): number | undefined {
  return settings.perAddress === 0 ? undefined : settings.perAddress;
}
