import pg from "pg";

export interface BenchDatabase {
  name: string;
  /** The server URL with this database selected, for the subgraph's DATABASE_URL. */
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database per run on the given server, so the numbers never depend on what an earlier
 * run or a developer left behind. The name is timestamped: a run killed before its cleanup leaves
 * an obviously disposable `logicore_bench_*` database, never a clash.
 */
export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `logicore_bench_${Date.now()}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    // FORCE (Postgres 13+) ends sessions a killed subgraph may have left open.
    drop: () =>
      onServer(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}

async function onServer(serverUrl: string, run: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}
