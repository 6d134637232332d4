import { collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { SUBGRAPH_METRIC_NAMES } from "./metricNames.js";

/** The counters of a pg Pool that the pool gauge reads; structural, so this package needs no pg. */
export interface PoolStats {
  readonly totalCount: number;
  readonly idleCount: number;
  readonly waitingCount: number;
}

export interface SubgraphMetricsOptions {
  /** The `subgraph` label on every series, e.g. "users". */
  subgraph: string;
  /** The server pool, read at scrape time; undefined means the embedded database's single connection. */
  pool?: PoolStats | undefined;
  /**
   * Tables a query may be labelled with; any other table becomes "other", so labels stay bounded.
   * @default []
   */
  tables?: readonly string[];
  /** Also collect prom-client's process metrics (CPU, memory, event loop lag, GC). @default true */
  processMetrics?: boolean;
}

/** One subgraph's Prometheus metrics, on a registry of its own. */
export interface SubgraphMetrics {
  readonly registry: Registry;
  readonly operationDuration: Histogram<"subgraph" | "operation_type" | "outcome">;
  readonly dbQueryDuration: Histogram<"subgraph" | "model" | "action">;
  /** Records one SQL statement as reported by Prisma's `query` event. */
  observeQuery(sql: string, durationMs: number): void;
}

const SQL_ACTIONS = new Set(["select", "insert", "update", "delete"]);
const TRANSACTION_VERBS = new Set(["begin", "commit", "rollback", "savepoint", "release"]);
const TABLE = /\b(?:FROM|INTO|UPDATE)\s+(?:"[^"]+"\.)?"([^"]+)"/i;

/** Action and table of one statement, both from a closed set: never the raw SQL. */
export function classifyQuery(sql: string, tables: ReadonlySet<string>): { model: string; action: string } {
  const verb = /^\s*([a-z]+)/i.exec(sql.replace(/--[^\n]*/g, ""))?.[1]?.toLowerCase() ?? "";
  // Driver adapters report an implicit commit as a comment only: `-- Implicit "COMMIT" query ...`.
  const implicit = verb === "" && /\b(?:begin|commit|rollback)\b/i.test(sql);
  if (implicit || TRANSACTION_VERBS.has(verb)) return { model: "none", action: "transaction" };
  const action = SQL_ACTIONS.has(verb) ? verb : "other";
  const table = TABLE.exec(sql)?.[1];
  if (table === undefined) return { model: "none", action };
  return { model: tables.has(table) ? table : "other", action };
}

/**
 * Creates the metrics on a new registry rather than prom-client's global one: tests start several
 * subgraphs in one process, and each must count for itself.
 */
export function createSubgraphMetrics(options: SubgraphMetricsOptions): SubgraphMetrics {
  const { subgraph, pool } = options;
  const registry = new Registry();
  const tables = new Set(options.tables ?? []);
  const operationDuration = new Histogram({
    name: SUBGRAPH_METRIC_NAMES.operationDuration,
    help: "GraphQL operations served by the subgraph, by type and outcome",
    labelNames: ["subgraph", "operation_type", "outcome"] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const dbQueryDuration = new Histogram({
    name: SUBGRAPH_METRIC_NAMES.dbQueryDuration,
    help: "SQL statements issued by Prisma, by table and action",
    labelNames: ["subgraph", "model", "action"] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  new Gauge({
    name: SUBGRAPH_METRIC_NAMES.dbPoolConnections,
    help: "Database connections by state: total, idle, and callers waiting for one",
    labelNames: ["subgraph", "state"] as const,
    registers: [registry],
    collect() {
      // The embedded PGlite database is one connection, shared by every query.
      this.set({ subgraph, state: "total" }, pool?.totalCount ?? 1);
      this.set({ subgraph, state: "idle" }, pool?.idleCount ?? 0);
      this.set({ subgraph, state: "waiting" }, pool?.waitingCount ?? 0);
    },
  });
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry });
  return {
    registry,
    operationDuration,
    dbQueryDuration,
    observeQuery(sql, durationMs) {
      dbQueryDuration.observe({ subgraph, ...classifyQuery(sql, tables) }, durationMs / 1000);
    },
  };
}
