import type { SqlSession } from "./sqlSession.js";

/** The bookkeeping table of `prisma migrate`, column for column, so either tool can take over from the other. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

/** A row of `_prisma_migrations`. */
export interface MigrationRow extends Record<string, unknown> {
  id: string;
  checksum: string;
  migration_name: string;
  started_at: Date;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  logs: string | null;
  applied_steps_count: number;
}

export async function createMigrationsTable(session: SqlSession): Promise<void> {
  await session.exec(CREATE_MIGRATIONS_TABLE);
}

/** All rows in start order; none when the table does not exist yet (nothing was ever migrated). */
export async function readMigrationRows(session: SqlSession): Promise<MigrationRow[]> {
  const [table] = await session.query<{ exists: boolean }>(
    "SELECT to_regclass('_prisma_migrations') IS NOT NULL AS exists",
  );
  if (!table?.exists) return [];
  return session.query<MigrationRow>(
    `SELECT id, checksum, migration_name, started_at, finished_at, rolled_back_at, logs, applied_steps_count
       FROM _prisma_migrations ORDER BY started_at, migration_name`,
  );
}

/**
 * Records a migration inside its own transaction, before its script: if the transaction does not commit
 * (the script fails, the process is killed, the connection drops) the row goes with it, so an interrupted
 * migration leaves nothing behind and the next run applies it again. `now()` is the transaction's start.
 */
export async function insertMigrationRow(
  session: SqlSession,
  id: string,
  name: string,
  checksum: string,
): Promise<void> {
  await session.query(
    `INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count)
     VALUES ($1, $2, $3, now(), 0)`,
    [id, checksum, name],
  );
}

/** Runs inside the migration's transaction, so the schema change and its record commit together. */
export async function markMigrationFinished(session: SqlSession, id: string): Promise<void> {
  // clock_timestamp(): now() would be the start of the transaction, before the script ran.
  await session.query(
    "UPDATE _prisma_migrations SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1",
    [id],
  );
}

/**
 * Marks unfinished rows of a migration rolled back, as `prisma migrate resolve --rolled-back` would. Runs in
 * the transaction that applies the migration again, so the old rows stay as they were if that fails too.
 */
export async function markUnfinishedRolledBack(session: SqlSession, name: string): Promise<void> {
  await session.query(
    `UPDATE _prisma_migrations SET rolled_back_at = now()
      WHERE migration_name = $1 AND finished_at IS NULL AND rolled_back_at IS NULL`,
    [name],
  );
}
