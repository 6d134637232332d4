import type { SqlDriverAdapterFactory } from "@prisma/client/runtime/client";
import type { Pool } from "pg";
import { openEmbeddedDatabase } from "./embeddedDatabase.js";
import { openPostgresDatabase } from "./postgresDatabase.js";
import type { SqlSession } from "./sqlSession.js";

export interface DatabaseOptions {
  /** postgres:// URL of a server; when absent (or empty), an embedded PGlite database is used. */
  url?: string | undefined;
  /** Embedded only: data folder (created if missing), or "memory://" for a throwaway in-memory database. */
  dataDir: string;
  /** Server only: pg pool size. @default 10 */
  poolMax?: number | undefined;
}

export interface Database {
  readonly kind: "embedded" | "postgres";
  /** Where the data lives, safe to log: "embedded PGlite at /abs/path" or the URL with its password removed. */
  readonly description: string;
  /** Pass to `new PrismaClient({ adapter })`. */
  readonly adapter: SqlDriverAdapterFactory;
  /** The pg Pool (server only), for pool metrics; undefined when embedded. */
  readonly pool: Pool | undefined;
  /**
   * Runs `fn` on one session. Do not call `withSession` again inside `fn`: the embedded database has a
   * single connection, and a server pool of size 1 would wait for itself too.
   */
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  /** Cheap round trip (SELECT 1) for readiness probes; rejects when the database is unreachable. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Default size of the server connection pool. */
export const DEFAULT_POOL_MAX = 10;

/** Opens a PostgreSQL server when `url` is set, otherwise an embedded PGlite database in `dataDir`. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url !== undefined && options.url !== "") {
    return openPostgresDatabase(options.url, options.poolMax ?? DEFAULT_POOL_MAX);
  }
  return openEmbeddedDatabase(options.dataDir);
}
