import type { Env } from "./processes.js";

export interface BenchConfig {
  /** BENCH_DATABASE_URL: a Postgres server where a throwaway database may be created. @default postgres://postgres@127.0.0.1:5432/postgres */
  readonly serverUrl: string;
  /** BENCH_DURATION: seconds of measured load per target. @default 10 */
  readonly durationSeconds: number;
  /** BENCH_WARMUP: seconds of unmeasured load per target first (JIT, pools, caches). @default 3 */
  readonly warmupSeconds: number;
  /** BENCH_CONNECTIONS: concurrent keep-alive connections. @default 20 */
  readonly connections: number;
}

/** Reads the benchmark's knobs once; a bad value stops it before anything is started. */
export function loadBenchConfig(env: Env = process.env): BenchConfig {
  const serverUrl = env.BENCH_DATABASE_URL?.trim() || "postgres://postgres@127.0.0.1:5432/postgres";
  if (!/^postgres(ql)?:\/\//.test(serverUrl)) {
    throw new Error("BENCH_DATABASE_URL must be a postgres:// URL");
  }
  return Object.freeze({
    serverUrl,
    durationSeconds: positiveInt(env, "BENCH_DURATION", 10),
    warmupSeconds: positiveInt(env, "BENCH_WARMUP", 3),
    connections: positiveInt(env, "BENCH_CONNECTIONS", 20),
  });
}

function positiveInt(env: Env, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < 1)
    throw new Error(`${name} must be a whole number >= 1, got ${raw}`);
  return Number(raw);
}
