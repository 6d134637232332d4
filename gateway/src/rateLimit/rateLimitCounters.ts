import { once } from "node:events";
import { Redis } from "ioredis";
import type { Logger } from "pino";
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis } from "rate-limiter-flexible";

export interface RateLimitCountersOptions {
  /** Counters shared by every replica when set; in this process otherwise. */
  redisUrl: string | undefined;
  /** Namespace of the keys in Redis. */
  keyPrefix: string;
  /** Length of the fixed window, in seconds. */
  windowSeconds: number;
  /** How long one Redis command may take before the request is counted in-process. */
  redisTimeoutMs: number;
  /** Told when Redis stops and starts answering. */
  logger: Logger;
}

/** One key's count in the current window. */
export interface WindowCount {
  /** Requests counted in this window, this one included. */
  readonly count: number;
  /** Until the window ends and the count starts again from zero. */
  readonly msBeforeReset: number;
}

/** Fixed-window request counters (rate-limiter-flexible). They count; the caller decides. */
export interface RateLimitCounters {
  /** Counts one request for `key`. */
  increment(key: string): Promise<WindowCount>;
  close(): Promise<void>;
}

// The counters never refuse on their own: a user's budget depends on their role, so one counter per
// key (kept across a role change, alike in Redis and in memory) is compared with it by the caller.
const NEVER_FULL = Number.MAX_SAFE_INTEGER;
const CONNECT_WAIT_MS = 1000;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

/**
 * Counters in Redis when `redisUrl` is set, else in memory. Redis being down or slow never refuses
 * traffic: rate-limiter-flexible's insurance limiter then counts in this process (each replica its
 * own budget) until Redis answers again, and the outage is logged once, not per request. Resolves
 * once Redis is connected, or has failed to, or after at most a second: start-up never hangs on it.
 */
export async function createRateLimitCounters(options: RateLimitCountersOptions): Promise<RateLimitCounters> {
  const { keyPrefix, windowSeconds: duration } = options;
  const memory = new RateLimiterMemory({ points: NEVER_FULL, duration, keyPrefix });
  if (options.redisUrl === undefined) {
    return { increment: async (key) => windowCount(await memory.consume(key)), close: async () => {} };
  }
  const redis = connect(options.redisUrl, options.redisTimeoutMs, options.logger);
  // Until it is connected, every request would be counted in-process (see rejectIfRedisNotReady).
  await firstConnectionAttempt(redis);
  const limiter: RateLimiterAbstract = new RateLimiterRedis({
    storeClient: redis,
    points: NEVER_FULL,
    duration,
    keyPrefix,
    insuranceLimiter: memory,
    // Straight to the insurance limiter while disconnected, rather than queueing behind reconnects.
    rejectIfRedisNotReady: true,
  });
  return {
    increment: async (key) => windowCount(await limiter.consume(key)),
    async close() {
      // After the HTTP drain nothing is in flight; quit() would wait for a Redis that is down.
      redis.disconnect();
    },
  };
}

function windowCount(result: { consumedPoints: number; msBeforeNext: number }): WindowCount {
  return { count: result.consumedPoints, msBeforeReset: result.msBeforeNext };
}

/** Resolves when `redis` first connects or fails to, or after CONNECT_WAIT_MS, whichever is first. */
async function firstConnectionAttempt(redis: Redis): Promise<void> {
  const done = new AbortController();
  const { signal } = done;
  try {
    await Promise.race([
      once(redis, "ready", { signal }),
      once(redis, "error", { signal }),
      delay(CONNECT_WAIT_MS),
    ]);
  } catch {
    // `once(redis, "ready")` rejects on an error event: a failed attempt is an attempt too.
  } finally {
    done.abort();
  }
}

function connect(redisUrl: string, commandTimeout: number, logger: Logger): Redis {
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, commandTimeout });
  let down = false;
  // ioredis emits an error on every failed reconnect; without a listener each would be an
  // unhandled error event. One warning per outage is what an operator needs.
  redis.on("error", (error: unknown) => {
    if (down) return;
    down = true;
    logger.warn(
      { err: error },
      "rate limits: Redis is not answering; each gateway counts in-process until it is back",
    );
  });
  redis.on("ready", () => {
    if (!down) return;
    down = false;
    logger.info("rate limits: Redis answers again; budgets are shared again");
  });
  return redis;
}
