import { describe, expect, it } from "vitest";
import { createRetryPolicy, type RetryCall } from "./retryPolicy.js";

const failing = () => {
  let calls = 0;
  return {
    attempt: async (): Promise<string> => {
      calls++;
      throw new Error("down");
    },
    calls: () => calls,
  };
};
const call = (overrides: Partial<RetryCall> = {}): RetryCall => ({
  retryable: true,
  deadline: Number.POSITIVE_INFINITY,
  attemptTimeoutMs: 100,
  shouldRetry: () => true,
  ...overrides,
});

describe("createRetryPolicy", () => {
  it("makes 1 + retries attempts, with full-jitter delays under a doubling, capped ceiling", async () => {
    const delays: number[] = [];
    const retry = createRetryPolicy({ retries: 4, baseDelayMs: 10, maxDelayMs: 25, random: () => 0.999 });
    const { attempt, calls } = failing();
    await expect(retry(attempt, call({ onRetry: ({ delayMs }) => delays.push(delayMs) }))).rejects.toThrow();
    expect(calls()).toBe(5);
    expect(delays).toEqual([9, 19, 24, 24]);
  });

  it("does not retry what may not be repeated or is not worth it", async () => {
    const retry = createRetryPolicy({ retries: 2, random: () => 0 });
    for (const overrides of [{ retryable: false }, { shouldRetry: () => false }]) {
      const { attempt, calls } = failing();
      await expect(retry(attempt, call(overrides))).rejects.toThrow("down");
      expect(calls()).toBe(1);
    }
  });

  it("starts no retry that could not finish before the deadline", async () => {
    let now = 0;
    const retry = createRetryPolicy({ retries: 2, random: () => 0, now: () => now });
    const { attempt, calls } = failing();
    now = 50;
    await expect(retry(attempt, call({ deadline: 149, attemptTimeoutMs: 100 }))).rejects.toThrow();
    expect(calls()).toBe(1);
    const second = failing();
    await expect(retry(second.attempt, call({ deadline: 150, attemptTimeoutMs: 100 }))).rejects.toThrow();
    expect(second.calls()).toBe(3);
  });

  it("returns the first success", async () => {
    let calls = 0;
    const retry = createRetryPolicy({ random: () => 0 });
    const result = await retry(async () => {
      calls++;
      if (calls < 2) throw new Error("once");
      return "ok";
    }, call());
    expect(result).toBe("ok");
  });
});
