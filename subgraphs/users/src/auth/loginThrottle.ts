import { rateLimited } from "@logicore/errors";
import { Redis } from "ioredis";
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from "rate-limiter-flexible";

export interface LoginThrottleOptions {
  /** Shared counters for every replica when set; in-process otherwise. */
  redisUrl?: string | undefined;
  /** Failed logins per account per window. @default 5 */
  perAccount?: number;
  /** Failed logins per client address per window. @default 20 */
  perAddress?: number;
  /** Window in seconds; also how long a locked key stays locked. @default 900 */
  windowSeconds?: number;
  /** Namespace of the counters in Redis. @default "logicore:login" */
  keyPrefix?: string;
}

export interface LoginThrottle {
  /** Throws RATE_LIMITED (with retryAfter seconds) while the account or the address is locked. */
  assertAllowed(email: string, address: string): Promise<void>;
  recordFailure(email: string, address: string): Promise<void>;
  /** A good password clears the account's failures (not the address's: one valid account must not unlock guessing at others). */
  recordSuccess(email: string): Promise<void>;
  close(): Promise<void>;
}

/** Brute-force protection for login: counts failures per account and per client address. */
export function createLoginThrottle(options: LoginThrottleOptions = {}): LoginThrottle {
  const duration = options.windowSeconds ?? 900;
  const redis = options.redisUrl
    ? new Redis(options.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 1 })
    : undefined;
  const make = (points: number, keyPrefix: string): RateLimiterAbstract =>
    redis
      ? new RateLimiterRedis({ storeClient: redis, points, duration, blockDuration: duration, keyPrefix })
      : new RateLimiterMemory({ points, duration, blockDuration: duration, keyPrefix });
  const prefix = options.keyPrefix ?? "logicore:login";
  const account = make(options.perAccount ?? 5, `${prefix}:account`);
  const address = make(options.perAddress ?? 20, `${prefix}:address`);

  const locked = async (limiter: RateLimiterAbstract, key: string, points: number) => {
    const state = await limiter.get(key);
    return state !== null && state.consumedPoints >= points ? Math.ceil(state.msBeforeNext / 1000) : 0;
  };

  return {
    async assertAllowed(email, clientAddress) {
      const wait = Math.max(
        await locked(account, email, options.perAccount ?? 5),
        await locked(address, clientAddress, options.perAddress ?? 20),
      );
      if (wait > 0) throw rateLimited(`Too many failed sign-in attempts; try again in ${wait} s`, wait);
    },
    async recordFailure(email, clientAddress) {
      const swallowLimit = (error: unknown) => {
        if (!(error instanceof RateLimiterRes)) throw error;
      };
      await account.consume(email).catch(swallowLimit);
      await address.consume(clientAddress).catch(swallowLimit);
    },
    async recordSuccess(email) {
      await account.delete(email);
    },
    async close() {
      await redis?.quit();
    },
  };
}
