import type { Logger } from "pino";
import type { Counter } from "prom-client";

// Prisma's "cannot reach / closed the connection", PostgreSQL's admin shutdown and connection-failure
// SQLSTATEs, and the socket errors pg reports when the server is gone.
const UNREACHABLE_CODES = new Set([
  "P1001",
  "P1002",
  "P1017",
  "57P01",
  "57P02",
  "57P03",
  "08000",
  "08001",
  "08003",
  "08006",
  "ECONNREFUSED",
  "ECONNRESET",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "ETIMEDOUT",
  "EPIPE",
]);
// Driver adapters report what went wrong as a `kind` rather than a code.
const UNREACHABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
const UNREACHABLE_MESSAGE =
  /connection terminated|can't reach database server|server closed the connection|connection refused|the database system is (?:shutting down|starting up)/i;

/** Whether `error` (or anything in its `cause`/`originalError` chain) says the database cannot be reached. */
export function isDatabaseUnreachable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current !== "object" || current === null || seen.has(current)) continue;
    seen.add(current);
    const { code, kind, message, cause, originalError, meta, errors } = current as Record<string, unknown>;
    if (typeof code === "string" && UNREACHABLE_CODES.has(code)) return true;
    if (typeof kind === "string" && UNREACHABLE_KINDS.has(kind)) return true;
    if (typeof message === "string" && UNREACHABLE_MESSAGE.test(message)) return true;
    pending.push(cause, originalError, meta);
    if (Array.isArray(errors)) pending.push(...errors);
    if (typeof meta === "object" && meta !== null) pending.push(...Object.values(meta));
  }
  return false;
}

export interface DatabaseOutageOptions {
  /** The subgraph's name, in the log lines and the counter's `subgraph` label. */
  subgraph: string;
  logger: Logger;
  /** Counts every request or probe that found the database unreachable. */
  failures: Counter<"subgraph">;
}

/** What a subgraph knows about its database's reachability, told once per change. */
export interface DatabaseOutage {
  /** A request or probe found the database unreachable: counted; logged only if it was reachable. */
  failed(cause: unknown): void;
  /** A probe reached the database: logged only if it was unreachable. */
  reached(): void;
}

/**
 * While the database is down every request fails the same way; a stack per request says nothing new
 * and buries everything else. One warning when it goes, one info when it is back, and a counter.
 */
export function createDatabaseOutage(options: DatabaseOutageOptions): DatabaseOutage {
  const { subgraph, logger, failures } = options;
  let unreachable = false;
  return {
    failed(cause) {
      failures.inc({ subgraph });
      if (unreachable) return;
      unreachable = true;
      const reason = cause instanceof Error ? cause.message : String(cause);
      logger.warn(
        { reason },
        `the ${subgraph} database is unreachable; requests that need it fail until it is back`,
      );
    },
    reached() {
      if (!unreachable) return;
      unreachable = false;
      logger.info(`the ${subgraph} database is back`);
    },
  };
}
