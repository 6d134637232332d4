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
  /** Sign-in attempts per account per `accountWindowSeconds`; more wait for the next window. @default 5 */
  perAccount?: number;
  /**
   * The per-account window in seconds. Short on purpose: guessing slows an account's sign-ins
   * down but never locks its owner (the ADMIN included) out for longer than this. @default 60
   */
  accountWindowSeconds?: number;
  /** Failed sign-ins per client address per `windowSeconds` before that address is blocked. @default 20 */
  perAddress?: number;
  /** Per-address window in seconds; also how long a blocked address stays blocked. @default 900 */
  windowSeconds?: number;
  /** Namespace of the counters in Redis. @default "logicore:login" */
  keyPrefix?: string;
}

/** One sign-in attempt, counted against its account and address until it proves the password. */
export interface LoginAttempt {
  /** The password was right: the attempt stops counting (failures alone use up the budgets). */
  succeeded(): Promise<void>;
}

export interface LoginThrottle {
  /**
   * Counts one attempt against the account and the client address, atomically (Redis INCR, or a
   * synchronous in-process counter), before any password is checked: of many parallel attempts,
   * no more than the budget get through. Throws RATE_LIMITED (with retryAfter seconds) otherwise.
   */
  reserve(email: string, address: string): Promise<LoginAttempt>;
  close(): Promise<void>;
}

/** Brute-force protection for login: slows down per account, blocks per client address. */
export function createLoginThrottle(options: LoginThrottleOptions = {}): LoginThrottle {
  const redis = options.redisUrl
    ? new Redis(options.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 1 })
    : undefined;
  const make = (points: number, duration: number, blockDuration: number, keyPrefix: string) =>
    redis
      ? new RateLimiterRedis({ storeClient: redis, points, duration, blockDuration, keyPrefix })
      : new RateLimiterMemory({ points, duration, blockDuration, keyPrefix });
  const prefix = options.keyPrefix ?? "logicore:login";
  const windowSeconds = options.windowSeconds ?? 900;
  // No block: once the window is over the owner may try again, whatever an attacker did in it.
  const account = make(options.perAccount ?? 5, options.accountWindowSeconds ?? 60, 0, `${prefix}:account`);
  const address = make(options.perAddress ?? 20, windowSeconds, windowSeconds, `${prefix}:address`);

  const take = async (limiter: RateLimiterAbstract, key: string): Promise<void> => {
    try {
      await limiter.consume(key);
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) throw error;
      const wait = Math.max(1, Math.ceil(error.msBeforeNext / 1000));
      throw rateLimited(`Too many sign-in attempts; try again in ${wait} s`, wait);
    }
  };

  return {
    async reserve(email, clientAddress) {
      await take(address, clientAddress);
      try {
        await take(account, email);
      } catch (error) {
        // The account refused it, so it was never an attempt: the address gets it back.
        await address.reward(clientAddress);
        throw error;
      }
      return {
        async succeeded() {
          await Promise.all([account.reward(email), address.reward(clientAddress)]);
        },
      };
    },
    async close() {
      await redis?.quit();
    },
  };
}
