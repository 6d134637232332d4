import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { Database } from "./openDatabase.js";
import { redactPostgresUrl } from "./postgresUrl.js";
import type { SqlSession } from "./sqlSession.js";

/** A readiness probe must fail fast on an unreachable server rather than wait for the TCP timeout. */
const CONNECT_TIMEOUT_MS = 5_000;

function sessionOn(client: pg.PoolClient): SqlSession {
  return {
    async query<R extends Record<string, unknown>>(sql: string, params?: readonly unknown[]) {
      const result = await client.query<R>(sql, params === undefined ? undefined : [...params]);
      return result.rows;
    },
    async exec(sql) {
      // Without parameters pg uses the simple query protocol, which accepts several statements.
      await client.query(sql);
    },
  };
}

/** A PostgreSQL server reached through one pg pool, shared by Prisma and `withSession`. */
export async function openPostgresDatabase(url: string, poolMax: number): Promise<Database> {
  const description = redactPostgresUrl(url);
  if (!Number.isInteger(poolMax) || poolMax < 1) {
    throw new Error(`The pool size must be a positive integer, got ${poolMax}`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: poolMax,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // An idle client that loses its connection emits "error" on the pool; unhandled, that would crash the
  // process. The pool drops the client, and the next query reports the problem to its caller.
  pool.on("error", () => {});
  return {
    kind: "postgres",
    description,
    adapter: new PrismaPg(pool),
    pool,
    async withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        const result = await fn(sessionOn(client));
        client.release();
        return result;
      } catch (error) {
        // A failed session may still hold an open transaction or an advisory lock: close the connection
        // rather than hand that state to the next caller.
        client.release(true);
        throw error;
      }
    },
    async ping() {
      await pool.query("SELECT 1");
    },
    async close() {
      // pg throws when a pool is ended twice; closing is idempotent here as it is for PGlite.
      if (!pool.ended) await pool.end();
    },
  };
}
