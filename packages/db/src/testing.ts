import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Database, openDatabase } from "./openDatabase.js";
import { withDatabaseName } from "./postgresUrl.js";

export interface TestDatabase {
  database: Database;
  /** URL of the new server database; undefined when embedded. */
  url: string | undefined;
  /** Closes the database and, on a server, drops it. Safe to call twice. */
  drop(): Promise<void>;
}

/** Runs one statement on the server's maintenance connection (CREATE/DROP DATABASE cannot run in a pool session). */
async function runOnServer(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * A fresh, empty database for one test file: a new database with a unique name on the server of
 * `process.env.DATABASE_URL` when it is set (so parallel test files never share tables), otherwise an
 * in-memory embedded database.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl === undefined || serverUrl === "") {
    const database = await openDatabase({ dataDir: "memory://" });
    return { database, url: undefined, drop: () => database.close() };
  }
  const name = `logicore_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await runOnServer(serverUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabaseName(serverUrl, name);
  const database = await openDatabase({ url, dataDir: "memory://", poolMax: 5 });
  let dropped = false;
  return {
    database,
    url,
    async drop() {
      if (dropped) return;
      dropped = true;
      await database.close();
      await runOnServer(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
