import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { applyMigrations, type Database, migrationStatus, openDatabase } from "../src/index.js";
import { createTestDatabase, type TestDatabase } from "../src/testing.js";
import { createMigrationFolder, type MigrationFolder } from "./migrationFolder.js";

const CREATE = "20260101000000_create_parcel";
const FILL = "20260102000000_fill_parcel";
const SCRIPTS = {
  [CREATE]: 'CREATE TABLE "Parcel" ("id" INTEGER NOT NULL, CONSTRAINT "Parcel_pkey" PRIMARY KEY ("id"));\n',
  // Slow enough (seconds, even on a server) to be interrupted half-way; the second table comes last.
  [FILL]:
    'INSERT INTO "Parcel" ("id") SELECT g FROM generate_series(1, 3000000) AS g;\n' +
    'CREATE TABLE "Depot" ("id" INTEGER NOT NULL);\n',
};
const BACKEND = process.env.DATABASE_URL ? "server" : "embedded";
const packageRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

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

const query = <R extends Record<string, unknown>>(db: Database, sql: string) =>
  db.withSession((s) => s.query<R>(sql));
const rows = (db: Database) =>
  query<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>(
    db,
    "SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at",
  );
const tableExists = async (db: Database, name: string) =>
  (await query<{ found: boolean }>(db, `SELECT to_regclass('"${name}"') IS NOT NULL AS found`))[0]?.found;

/** Runs applyMigrations in a child process and kills it (SIGKILL: no clean-up at all) once FILL has begun. */
async function killWhileApplying(database: { url?: string; dataDir: string }): Promise<string> {
  const script = join(folder.dir, "migrate.mts");
  await writeFile(
    script,
    `import { applyMigrations, openDatabase } from ${JSON.stringify(pathToFileURL(join(packageRoot, "src/index.ts")).href)};
const db = await openDatabase(${JSON.stringify(database)});
await applyMigrations(db, ${JSON.stringify(folder.dir)}, (message) => console.log(message));
await db.close();
console.log("done");
`,
  );
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: packageRoot,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", () => resolve());
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      output += chunk;
      if (output.includes(`Applying migration ${FILL}`)) {
        // Give the script time to get into its INSERT before pulling the plug.
        setTimeout(() => child.kill("SIGKILL"), 500);
      }
    });
  });
  return output;
}

describe(`an interrupted migration (${BACKEND})`, () => {
  it("leaves no record when its script fails half-way, and is applied once the script is fixed", async () => {
    await folder.write(FILL, 'CREATE TABLE "Depot" ("id" INTEGER);\nSELECT * FROM "NoSuchTable";\n');

    await expect(applyMigrations(testDb.database, folder.dir)).rejects.toThrow(/NoSuchTable/);
    expect(await tableExists(testDb.database, "Depot")).toBe(false);
    expect((await rows(testDb.database)).map((row) => row.migration_name)).toEqual([CREATE]);

    await folder.write(FILL, SCRIPTS[FILL].replace("3000000", "10"));
    expect(await applyMigrations(testDb.database, folder.dir)).toEqual([FILL]);
    expect(await tableExists(testDb.database, "Depot")).toBe(true);
  });

  it("applies again, with a log line, a migration an older version left started but unfinished", async () => {
    await folder.write(FILL, 'CREATE TABLE "Depot" ("id" INTEGER NOT NULL);\n');
    await applyMigrations(testDb.database, folder.dir);
    // What the previous runner left when killed: the row it wrote before the migration's transaction.
    await testDb.database.withSession(async (s) => {
      await s.exec(`DROP TABLE "Depot"; DELETE FROM _prisma_migrations WHERE migration_name = '${FILL}'`);
      await s.query(
        "INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES (gen_random_uuid()::text, $1, $2)",
        ["0".repeat(64), FILL],
      );
    });
    expect((await migrationStatus(testDb.database, folder.dir)).failed).toEqual([FILL]);

    const messages: string[] = [];
    expect(await applyMigrations(testDb.database, folder.dir, (m) => messages.push(m))).toEqual([FILL]);

    expect(messages.join("\n")).toMatch(new RegExp(`${FILL} again: an earlier run was interrupted`));
    expect(messages.join("\n")).not.toMatch(/migrate resolve/);
    expect(await tableExists(testDb.database, "Depot")).toBe(true);
    const fill = (await rows(testDb.database)).filter((row) => row.migration_name === FILL);
    expect(fill).toHaveLength(2);
    expect(fill.filter((row) => row.finished_at !== null && row.rolled_back_at === null)).toHaveLength(1);
    expect(await migrationStatus(testDb.database, folder.dir)).toMatchObject({ pending: [], failed: [] });
  });

  it("leaves a database the next start migrates when its process is killed mid-migration", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "logicore-pglite-"));
    const target = { url: testDb.url ?? "", dataDir };
    try {
      const output = await killWhileApplying(target);
      expect(output).toContain(`Applying migration ${FILL}`);
      expect(output).not.toContain("done");

      const db = testDb.url === undefined ? await openDatabase(target) : testDb.database;
      try {
        const messages: string[] = [];
        expect(await applyMigrations(db, folder.dir, (m) => messages.push(m))).toContain(FILL);
        expect(await tableExists(db, "Depot")).toBe(true);
        const [count] = await query<{ n: number }>(db, 'SELECT count(*)::int AS n FROM "Parcel"');
        expect(count?.n).toBe(3_000_000);
        expect(await migrationStatus(db, folder.dir)).toMatchObject({ pending: [], failed: [] });
      } finally {
        if (db !== testDb.database) await db.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 120_000);
});
