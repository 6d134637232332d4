/**
 * One database session (one connection): advisory locks and multi-statement scripts need this.
 *
 * Session state (an open transaction, a held advisory lock, `SET` values) lasts until the callback given to
 * `Database.withSession` returns, and no other caller's statements run on the session in between.
 */
export interface SqlSession {
  /** Runs one statement with `$1`-style parameters and returns its rows. */
  query<R extends Record<string, unknown> = Record<string, unknown>>(
    sql: string,
    params?: readonly unknown[],
  ): Promise<R[]>;
  /** Runs a script that may contain several statements, with no parameters. */
  exec(sql: string): Promise<void>;
}
