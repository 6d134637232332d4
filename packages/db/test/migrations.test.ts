import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyMigrations, assertMigrationsApplied, MigrationError, migrationStatus } from "../src/index.js";
import { createTestDatabase, type TestDatabase } from "../src/testing.js";
import { createMigrationFolder, type MigrationFolder } from "./migrationFolder.js";

const CREATE = "20260101000000_create_parcel";
const ADD_COLUMN = "20260102000000_add_weight";
const ADD_INDEX = "20260103000000_index_weight";
const SCRIPTS = {
  // Written in reverse order: the runner must sort by name, not trust the directory listing.
  [ADD_INDEX]: 'CREATE INDEX "Parcel_weight_idx" ON "Parcel"("weight");\n',
  [ADD_COLUMN]: 'ALTER TABLE "Parcel" ADD COLUMN "weight" INTEGER NOT NULL DEFAULT 0;\n',
  [CREATE]:
    '-- CreateTable\nCREATE TABLE "Parcel" (\n    "id" TEXT NOT NULL,\n    CONSTRAINT "Parcel_pkey" PRIMARY KEY ("id")\n);\n',
};
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let testDb: TestDatabase;
let folder: MigrationFolder;

beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(() => testDb.drop());
beforeEach(async () => {
  await testDb.database.withSession((s) => s.exec("DROP SCHEMA public CASCADE; CREATE SCHEMA public;"));
  folder = await createMigrationFolder(SCRIPTS);
});
afterEach(() => folder.remove());

const query = <R extends Record<string, unknown>>(sql: string) =>
  testDb.database.withSession((s) => s.query<R>(sql));
const rows = () =>
  query<{
    migration_name: string;
    finished_at: Date | null;
    rolled_back_at: Date | null;
    logs: string | null;
  }>("SELECT * FROM _prisma_migrations ORDER BY started_at");
const tableExists = async (name: string) =>
  (await query<{ found: boolean }>(`SELECT to_regclass('"${name}"') IS NOT NULL AS found`))[0]?.found;
const advisoryLocks = async () =>
  (
    await query<{ n: number }>(
      "SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = " +
        "(SELECT oid FROM pg_database WHERE datname = current_database())",
    )
  )[0]?.n;

describe(`applyMigrations (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("applies pending migrations in name order and records them as prisma migrate deploy does", async () => {
    const messages: string[] = [];
    const applied = await applyMigrations(testDb.database, folder.dir, (m) => messages.push(m));

    expect(applied).toEqual([CREATE, ADD_COLUMN, ADD_INDEX]);
    expect(messages).toContain(`Applying migration ${CREATE}`);
    const columns = await query<{ column_name: string; data_type: string; is_nullable: string }>(
      "SELECT column_name, data_type, is_nullable FROM information_schema.columns " +
        "WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position",
    );
    expect(columns.map((c) => [c.column_name, c.data_type, c.is_nullable])).toEqual([
      ["id", "character varying", "NO"],
      ["checksum", "character varying", "NO"],
      ["finished_at", "timestamp with time zone", "YES"],
      ["migration_name", "character varying", "NO"],
      ["logs", "text", "YES"],
      ["rolled_back_at", "timestamp with time zone", "YES"],
      ["started_at", "timestamp with time zone", "NO"],
      ["applied_steps_count", "integer", "NO"],
    ]);
    const recorded = await query<Record<string, unknown>>(
      "SELECT * FROM _prisma_migrations ORDER BY started_at",
    );
    expect(recorded.map((r) => r.migration_name)).toEqual(applied);
    for (const row of recorded) {
      const file = await readFile(join(folder.dir, String(row.migration_name), "migration.sql"));
      expect(row.id).toMatch(UUID_V4);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.checksum).toBe(createHash("sha256").update(file).digest("hex"));
      expect(row.finished_at).toBeInstanceOf(Date);
      expect((row.finished_at as Date).getTime()).toBeGreaterThanOrEqual((row.started_at as Date).getTime());
      expect(row).toMatchObject({ rolled_back_at: null, logs: null, applied_steps_count: 1 });
    }
    await query(`INSERT INTO "Parcel" ("id", "weight") VALUES ('p1', 3)`);
    expect(await advisoryLocks()).toBe(0);
  });

  it("applies nothing on a second run", async () => {
    await applyMigrations(testDb.database, folder.dir);
    const messages: string[] = [];

    expect(await applyMigrations(testDb.database, folder.dir, (m) => messages.push(m))).toEqual([]);
    expect(await rows()).toHaveLength(3);
    expect(messages.join("\n")).toMatch(/No pending migrations/);
  });

  it("applies each migration once when two runners start together", async () => {
    const [a, b] = await Promise.all([
      applyMigrations(testDb.database, folder.dir),
      applyMigrations(testDb.database, folder.dir),
    ]);

    expect([...a, ...b].sort()).toEqual([CREATE, ADD_COLUMN, ADD_INDEX]);
    expect(await rows()).toHaveLength(3);
  });

  it("refuses to run when an applied migration was edited, naming it", async () => {
    await applyMigrations(testDb.database, folder.dir);
    await folder.write(ADD_COLUMN, `${SCRIPTS[ADD_COLUMN]}-- edited\n`);
    await folder.write("20260104000000_more", 'CREATE TABLE "More" ("id" TEXT);\n');

    const run = applyMigrations(testDb.database, folder.dir);
    await expect(run).rejects.toBeInstanceOf(MigrationError);
    await expect(run).rejects.toThrow(new RegExp(`${ADD_COLUMN} was edited after it was applied`));
    expect(await tableExists("More")).toBe(false);
    expect(await rows()).toHaveLength(3);
    expect(await advisoryLocks()).toBe(0);
  });

  it("accepts an applied migration whose line endings were converted to CRLF", async () => {
    await applyMigrations(testDb.database, folder.dir);
    await folder.write(CREATE, SCRIPTS[CREATE].replaceAll("\n", "\r\n"));

    expect(await applyMigrations(testDb.database, folder.dir)).toEqual([]);
    expect((await migrationStatus(testDb.database, folder.dir)).modified).toEqual([]);
  });

  it("rolls back a failing migration, leaving no record of it, and applies it once it is fixed", async () => {
    const broken = 'CREATE TABLE "Half" ("id" TEXT);\nSELECT * FROM "NoSuchTable";\n';
    await folder.write(ADD_COLUMN, broken);

    const run = applyMigrations(testDb.database, folder.dir);
    await expect(run).rejects.toBeInstanceOf(MigrationError);
    await expect(run).rejects.toThrow(new RegExp(`${ADD_COLUMN} failed.*NoSuchTable`));
    await expect(run).rejects.not.toThrow(/migrate resolve/);
    expect(await tableExists("Half")).toBe(false);
    const [created, ...rest] = await rows();
    expect(created).toMatchObject({ migration_name: CREATE, rolled_back_at: null });
    expect(rest).toEqual([]);
    expect(await advisoryLocks()).toBe(0);

    await folder.write(ADD_COLUMN, SCRIPTS[ADD_COLUMN]);
    expect(await applyMigrations(testDb.database, folder.dir)).toEqual([ADD_COLUMN, ADD_INDEX]);
  });

  it("refuses a migration folder without migration.sql and applies nothing", async () => {
    await mkdir(join(folder.dir, "20260105000000_empty"));

    await expect(applyMigrations(testDb.database, folder.dir)).rejects.toThrow(
      /20260105000000_empty has no migration.sql/,
    );
    expect(await tableExists("Parcel")).toBe(false);
  });

  it("refuses a migrations folder that does not exist", async () => {
    await expect(applyMigrations(testDb.database, join(folder.dir, "missing"))).rejects.toBeInstanceOf(
      MigrationError,
    );
  });
});

describe("migrationStatus and assertMigrationsApplied", () => {
  it("reports pending, applied, modified and failed migrations", async () => {
    expect(await migrationStatus(testDb.database, folder.dir)).toEqual({
      applied: [],
      pending: [CREATE, ADD_COLUMN, ADD_INDEX],
      modified: [],
      failed: [],
    });

    await applyMigrations(testDb.database, folder.dir);
    // A row an interrupted older runner left: started, never finished.
    await query(`UPDATE _prisma_migrations SET finished_at = NULL WHERE migration_name = '${ADD_INDEX}'`);
    await writeFile(join(folder.dir, CREATE, "migration.sql"), `${SCRIPTS[CREATE]}-- edited\n`);

    expect(await migrationStatus(testDb.database, folder.dir)).toEqual({
      applied: [CREATE, ADD_COLUMN],
      pending: [],
      modified: [CREATE],
      failed: [ADD_INDEX],
    });
  });

  it("throws while migrations are pending and passes once they are applied", async () => {
    const check = assertMigrationsApplied(testDb.database, folder.dir);
    await expect(check).rejects.toBeInstanceOf(MigrationError);
    await expect(check).rejects.toThrow(`pending: ${CREATE}, ${ADD_COLUMN}, ${ADD_INDEX}`);

    await applyMigrations(testDb.database, folder.dir);
    await expect(assertMigrationsApplied(testDb.database, folder.dir)).resolves.toBeUndefined();
  });
});
