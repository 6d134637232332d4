import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import { DB_QUERY_BUCKETS, DURATION_BUCKETS } from "./metrics/buckets.js";
import { SUBGRAPH_METRIC_NAMES } from "./metrics/names.js";
import { createMetricsRegistry } from "./metrics/registry.js";

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
  /** Requests and readiness probes that found the database unreachable. */
  readonly dbUnavailable: Counter<"subgraph">;
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

/** Creates the metrics on a registry of their own (see createMetricsRegistry). */
export function createSubgraphMetrics(options: SubgraphMetricsOptions): SubgraphMetrics {
  const { subgraph, pool } = options;
  const registry = createMetricsRegistry({ processMetrics: options.processMetrics });
  const tables = new Set(options.tables ?? []);
  const operationDuration = new Histogram({
    name: SUBGRAPH_METRIC_NAMES.operationDuration,
    help: "GraphQL operations served by the subgraph, by type and outcome",
    labelNames: ["subgraph", "operation_type", "outcome"] as const,
    buckets: [...DURATION_BUCKETS],
    registers: [registry],
  });
  const dbQueryDuration = new Histogram({
    name: SUBGRAPH_METRIC_NAMES.dbQueryDuration,
    help: "SQL statements issued by Prisma, by table and action",
    labelNames: ["subgraph", "model", "action"] as const,
    buckets: [...DB_QUERY_BUCKETS],
    registers: [registry],
  });
  const dbUnavailable = new Counter({
    name: SUBGRAPH_METRIC_NAMES.dbUnavailable,
    help: "Requests and readiness probes that found the database unreachable",
    labelNames: ["subgraph"] as const,
    registers: [registry],
  });
  // At zero from the start, so a rate over it is defined before the first outage.
  dbUnavailable.inc({ subgraph }, 0);
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
  return {
    registry,
    operationDuration,
    dbQueryDuration,
    dbUnavailable,
    observeQuery(sql, durationMs) {
      dbQueryDuration.observe({ subgraph, ...classifyQuery(sql, tables) }, durationMs / 1000);
    },
  };
}
