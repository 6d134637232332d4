import { describe, expect, it } from "vitest";
import { MigrationError } from "../src/migrationError.js";
import { MIGRATION_LOCK_KEY, withMigrationLock } from "../src/migrationLock.js";
import type { SqlSession } from "../src/sqlSession.js";

/** A session whose advisory lock is held by someone else until `freeAfterAttempts` tries have failed. */
function contendedSession(freeAfterAttempts: number) {
  const calls: Array<{ sql: string; params: readonly unknown[] | undefined }> = [];
  let attempts = 0;
  const session: SqlSession = {
    async query<R extends Record<string, unknown>>(sql: string, params?: readonly unknown[]) {
      calls.push({ sql, params });
      if (sql.includes("pg_try_advisory_lock")) {
        attempts += 1;
        return [{ locked: attempts > freeAfterAttempts }] as unknown as R[];
      }
      return [] as R[];
    },
    async exec() {},
  };
  return { session, calls };
}

describe("withMigrationLock", () => {
  it("uses Prisma's lock key, waits for the holder and always unlocks", async () => {
    const { session, calls } = contendedSession(2);
    await expect(withMigrationLock(session, () => Promise.reject(new Error("boom")), 5_000)).rejects.toThrow(
      "boom",
    );

    expect(calls.filter((c) => c.sql.includes("pg_try_advisory_lock"))).toHaveLength(3);
    expect(calls.at(-1)).toEqual({ sql: "SELECT pg_advisory_unlock($1)", params: [MIGRATION_LOCK_KEY] });
    expect(MIGRATION_LOCK_KEY).toBe(72707369);
  });

  it("gives up with a MigrationError when the lock stays taken", async () => {
    const { session, calls } = contendedSession(Number.POSITIVE_INFINITY);
    const started = Date.now();
    const run = withMigrationLock(session, async () => "never", 300);

    await expect(run).rejects.toBeInstanceOf(MigrationError);
    await expect(run).rejects.toThrow(/Timed out after 300 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
    expect(calls.some((c) => c.sql.includes("pg_advisory_unlock"))).toBe(false);
  });
});
