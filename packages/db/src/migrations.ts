import { randomUUID } from "node:crypto";
import { MigrationError } from "./migrationError.js";
import { type MigrationFile, matchesChecksum, readMigrationFiles } from "./migrationFiles.js";
import { withMigrationLock } from "./migrationLock.js";
import {
  createMigrationsTable,
  insertStartedMigration,
  type MigrationRow,
  markMigrationFinished,
  readMigrationRows,
  recordMigrationFailure,
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
  /** rows with finished_at and rolled_back_at both NULL */
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

function describeDatabaseError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code =
    "code" in error && typeof error.code === "string" ? `Database error code: ${error.code}\n\n` : "";
  return `${code}Database error:\n${error.message}`;
}

async function applyMigration(session: SqlSession, file: MigrationFile): Promise<void> {
  const id = randomUUID();
  await insertStartedMigration(session, id, file.name, file.checksum);
  try {
    // One transaction per script: a failure leaves no half-applied schema behind.
    await session.exec("BEGIN");
    await session.exec(file.script);
    await markMigrationFinished(session, id);
    await session.exec("COMMIT");
  } catch (error) {
    try {
      await session.exec("ROLLBACK");
      await recordMigrationFailure(
        session,
        id,
        `Migration name: ${file.name}\n\n${describeDatabaseError(error)}`,
      );
    } catch {
      // The connection is gone; the row still shows the migration as failed, which is what matters.
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(
      `Migration ${file.name} failed and was rolled back: ${reason}. The error is in _prisma_migrations.logs; ` +
        "fix the script, then mark the attempt rolled back (prisma migrate resolve --rolled-back " +
        `${file.name}) before migrating again.`,
      { cause: error },
    );
  }
}

function refuseUnsafeState(status: MigrationStatus, migrationsDir: string): void {
  const [failed] = status.failed;
  if (failed !== undefined) {
    throw new MigrationError(
      `Migration ${failed} failed earlier, so no new migrations are applied (Prisma P3009). Its error is in ` +
        "_prisma_migrations.logs. Repair the database, then run prisma migrate resolve --rolled-back " +
        `${failed} (or --applied ${failed} if you completed it by hand).`,
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
 * after a failed migration or when an applied migration was edited. Returns the names it applied.
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
      refuseUnsafeState(status, migrationsDir);
      const pending = files.filter((file) => status.pending.includes(file.name));
      for (const file of pending) {
        log(`Applying migration ${file.name}`);
        await applyMigration(session, file);
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
