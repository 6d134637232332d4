import { randomUUID } from "node:crypto";
import { MigrationError } from "./migrationError.js";
import { type MigrationFile, matchesChecksum, readMigrationFiles } from "./migrationFiles.js";
import { withMigrationLock } from "./migrationLock.js";
import {
  createMigrationsTable,
  insertMigrationRow,
  type MigrationRow,
  markMigrationFinished,
  markUnfinishedRolledBack,
  readMigrationRows,
} from "./migrationTable.js";
import type { Database } from "./openDatabase.js";
import type { SqlSession } from "./sqlSession.js";

export { MigrationError } from "./migrationError.js";

export interface MigrationStatus {
  /** Recorded as finished and not rolled back, including any no longer in the folder. */
  applied: string[];
  /** In the folder, in name order, with no live row. */
  pending: string[];
  /** applied but the file's checksum changed since */
  modified: string[];
  /**
   * Rows with finished_at and rolled_back_at both NULL: left by an interrupted run of an older version of
   * this runner (which recorded the start outside the migration's transaction) or by `prisma migrate`.
   * `applyMigrations` applies these again.
   */
  failed: string[];
}

/**
 * Compares the folder with `_prisma_migrations`. A row marked rolled back does not count, so a migration
 * resolved with `prisma migrate resolve --rolled-back` is pending again.
 */
function compareMigrations(files: readonly MigrationFile[], rows: readonly MigrationRow[]): MigrationStatus {
  const live = rows.filter((row) => row.rolled_back_at === null);
  const appliedRows = live.filter((row) => row.finished_at !== null);
  const failed = live.filter((row) => row.finished_at === null).map((row) => row.migration_name);
  const recorded = new Set(live.map((row) => row.migration_name));
  return {
    applied: [...new Set(appliedRows.map((row) => row.migration_name))],
    pending: files.filter((file) => !recorded.has(file.name)).map((file) => file.name),
    modified: files
      .filter((file) =>
        appliedRows.some((row) => row.migration_name === file.name && !matchesChecksum(file, row.checksum)),
      )
      .map((file) => file.name),
    failed,
  };
}

export async function migrationStatus(db: Database, migrationsDir: string): Promise<MigrationStatus> {
  const files = await readMigrationFiles(migrationsDir);
  const rows = await db.withSession(readMigrationRows);
  return compareMigrations(files, rows);
}

/**
 * The row is written in the script's transaction: whether the script fails or the process dies, a migration
 * that did not commit leaves no trace, and the next run applies it again with no manual repair.
 */
async function applyMigration(session: SqlSession, file: MigrationFile, retry: boolean): Promise<void> {
  try {
    await session.exec("BEGIN");
    if (retry) await markUnfinishedRolledBack(session, file.name);
    const id = randomUUID();
    await insertMigrationRow(session, id, file.name, file.checksum);
    await session.exec(file.script);
    await markMigrationFinished(session, id);
    await session.exec("COMMIT");
  } catch (error) {
    // If the connection is gone, the server has already rolled back; the caller's session closes it.
    await session.exec("ROLLBACK").catch(() => {});
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      `Migration ${file.name} failed and was rolled back, so the database has none of it and no record of it: ` +
        `${reason}. Fix ${file.name}/migration.sql and migrate again.`,
      { cause: error },
    );
  }
}

function refuseUnsafeState(
  status: MigrationStatus,
  files: readonly MigrationFile[],
  migrationsDir: string,
): void {
  const unknown = status.failed.find((name) => !files.some((file) => file.name === name));
  if (unknown !== undefined) {
    throw new MigrationError(
      `_prisma_migrations records migration ${unknown} as started but never finished, and ${migrationsDir} ` +
        `has no folder ${unknown}: restore that folder (from the version that added it) so it can be applied again.`,
    );
  }
  const [modified] = status.modified;
  if (modified !== undefined) {
    throw new MigrationError(
      `Migration ${modified} was edited after it was applied: ${migrationsDir}/${modified}/migration.sql no ` +
        "longer matches the checksum in _prisma_migrations. Restore the file and put the change in a new migration.",
    );
  }
}

/**
 * Applies pending migrations in name order, recording them as `prisma migrate deploy` does. Refuses to run
 * when an applied migration was edited. A migration recorded as started but never finished (by an older
 * version of this runner that was interrupted) is applied again: every script runs in one transaction, so
 * nothing of it was committed; should some of it be there after all, the new attempt fails and rolls back,
 * leaving the old record as it was. Returns the names it applied.
 */
export async function applyMigrations(
  db: Database,
  migrationsDir: string,
  log: (message: string) => void = () => {},
): Promise<string[]> {
  const files = await readMigrationFiles(migrationsDir);
  return db.withSession((session) =>
    withMigrationLock(session, async () => {
      await createMigrationsTable(session);
      // Read under the lock: another instance may have migrated while we waited for it.
      const status = compareMigrations(files, await readMigrationRows(session));
      refuseUnsafeState(status, files, migrationsDir);
      const pending = files.filter(
        (file) => status.pending.includes(file.name) || status.failed.includes(file.name),
      );
      for (const file of pending) {
        const retry = status.failed.includes(file.name);
        log(
          retry
            ? `Applying migration ${file.name} again: an earlier run was interrupted before it committed ` +
                "(its _prisma_migrations row has no finished_at), so the database has none of it"
            : `Applying migration ${file.name}`,
        );
        await applyMigration(session, file, retry);
      }
      log(
        pending.length === 0
          ? `No pending migrations in ${migrationsDir}`
          : `Applied ${pending.length} migration(s) from ${migrationsDir}`,
      );
      return pending.map((file) => file.name);
    }),
  );
}

/**
 * For production start-up: throws MigrationError listing pending/modified/failed migrations, if any.
 * Migrations applied but missing from the folder are accepted: during a rolling deploy the old version
 * still runs against a database that the new version has already migrated.
 */
export async function assertMigrationsApplied(db: Database, migrationsDir: string): Promise<void> {
  const status = await migrationStatus(db, migrationsDir);
  const problems = (["pending", "modified", "failed"] as const)
    .filter((kind) => status[kind].length > 0)
    .map((kind) => `${kind}: ${status[kind].join(", ")}`);
  if (problems.length > 0) {
    throw new MigrationError(
      `The database (${db.description}) does not match ${migrationsDir} (${problems.join("; ")}). ` +
        "Apply the migrations (pnpm db:migrate) before starting the service.",
    );
  }
}
