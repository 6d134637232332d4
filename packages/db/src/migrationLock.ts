import { setTimeout as sleep } from "node:timers/promises";
import { MigrationError } from "./migrationError.js";
import type { SqlSession } from "./sqlSession.js";

/** The advisory lock key `prisma migrate` takes, so this runner and Prisma's never migrate at once. */
export const MIGRATION_LOCK_KEY = 72707369;

/** How long to wait for another migrator, as `prisma migrate` does. @default 10000 */
export const MIGRATION_LOCK_TIMEOUT_MS = 10_000;

const POLL_INTERVAL_MS = 100;

/**
 * Runs `fn` holding the session-level advisory lock. Polling pg_try_advisory_lock (rather than waiting in
 * pg_advisory_lock) keeps the timeout on our side and leaves no session setting behind.
 */
export async function withMigrationLock<T>(
  session: SqlSession,
  fn: () => Promise<T>,
  timeoutMs: number = MIGRATION_LOCK_TIMEOUT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await session.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [
      MIGRATION_LOCK_KEY,
    ]);
    if (row?.locked) break;
    if (Date.now() >= deadline) {
      throw new MigrationError(
        `Timed out after ${timeoutMs} ms waiting for the migration lock (pg_advisory_lock(${MIGRATION_LOCK_KEY})): ` +
          "another process is migrating this database",
      );
    }
    await sleep(POLL_INTERVAL_MS);
  }
  try {
    return await fn();
  } finally {
    await session.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
  }
}
