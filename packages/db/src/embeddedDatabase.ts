import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import type { PGlite, Transaction } from "@electric-sql/pglite";
import type { Database } from "./openDatabase.js";
import type { SqlSession } from "./sqlSession.js";

const IN_MEMORY_PREFIX = "memory://";

function sessionOn(tx: Transaction): SqlSession {
  return {
    async query<R extends Record<string, unknown>>(sql: string, params?: readonly unknown[]) {
      const result = await tx.query<R>(sql, params === undefined ? undefined : [...params]);
      return result.rows;
    },
    async exec(sql) {
      await tx.exec(sql);
    },
  };
}

/**
 * PGlite is one connection shared with the Prisma adapter. `PGlite.transaction` holds the instance's
 * transaction mutex, which every other query and Prisma transaction also takes, so a session run inside it
 * cannot have other work land in the middle of its own BEGIN ... COMMIT. The wrapper's implicit transaction
 * is committed at once (and a fresh one opened before returning) so the session runs in autocommit mode,
 * as it would on a server connection.
 */
async function withExclusiveSession<T>(pglite: PGlite, fn: (session: SqlSession) => Promise<T>): Promise<T> {
  return pglite.transaction(async (tx) => {
    await tx.exec("COMMIT");
    try {
      return await fn(sessionOn(tx));
    } catch (error) {
      // Undo what a failed session left behind, as closing its server connection would.
      await tx.exec("ROLLBACK");
      await tx.query("SELECT pg_advisory_unlock_all()");
      throw error;
    } finally {
      await tx.exec("BEGIN");
    }
  });
}

export interface EmbeddedDatabaseOptions {
  /**
   * A data folder's tarball (`PGlite.dumpDataDir`) to start from instead of running initdb, which
   * takes about a second of WASM work. Only for a new database. @default none: initdb
   */
  initialData?: Blob | undefined;
}

/** An embedded PGlite database in a data folder (created if missing) or in memory ("memory://"). */
export async function openEmbeddedDatabase(
  dataDir: string,
  options: EmbeddedDatabaseOptions = {},
): Promise<Database> {
  // Loaded on demand: a server deployment never loads the WASM build of Postgres.
  const [{ PGlite }, { PrismaPGlite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("pglite-prisma-adapter"),
  ]);
  const inMemory = dataDir.startsWith(IN_MEMORY_PREFIX);
  const location = inMemory ? dataDir : resolve(dataDir);
  if (!inMemory) await mkdir(location, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: location,
    ...(options.initialData ? { loadDataDir: options.initialData } : {}),
  });
  return {
    kind: "embedded",
    description: inMemory ? "embedded PGlite in memory" : `embedded PGlite at ${location}`,
    adapter: new PrismaPGlite(pglite),
    pool: undefined,
    withSession: (fn) => withExclusiveSession(pglite, fn),
    async ping() {
      await pglite.query("SELECT 1");
    },
    async close() {
      if (!pglite.closed) await pglite.close();
    },
  };
}
