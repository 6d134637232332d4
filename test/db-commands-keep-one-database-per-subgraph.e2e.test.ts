import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoryRoot } from "./support/spawnedStack.js";

// The README's `pnpm db:migrate` / `pnpm db:seed` against a PostgreSQL server: the one every machine
// of this project runs (CI's included), or DATABASE_URL's in CI's second pass.
const serverUrl = process.env.DATABASE_URL || "postgres://postgres@127.0.0.1:5432/postgres";
const suffix = `${process.pid}_${randomBytes(3).toString("hex")}`;
const withDatabaseName = (url: string, name: string) =>
  Object.assign(new URL(url), { pathname: `/${name}` }).href;
const usersUrl = withDatabaseName(serverUrl, `logicore_dbcmd_users_${suffix}`);
const ordersUrl = withDatabaseName(serverUrl, `logicore_dbcmd_orders_${suffix}`);

async function onServer<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const tablesOf = (url: string) =>
  onServer(url, async (client) => {
    const { rows } = await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1",
    );
    return rows.map((row) => row.name);
  });

/** Runs a root command as a user would, with only `env` naming databases. */
function run(command: string, env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  const clean = { ...process.env };
  for (const name of ["DATABASE_URL", "USERS_DATABASE_URL", "ORDERS_DATABASE_URL"]) delete clean[name];
  return new Promise((resolve) => {
    execFile(
      "pnpm",
      ["--silent", command],
      { cwd: repositoryRoot, env: { ...clean, LOG_FORMAT: "json", ...env } },
      (error, _stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
    );
  });
}

beforeAll(async () => {
  await onServer(serverUrl, async (client) => {
    for (const url of [usersUrl, ordersUrl])
      await client.query(`CREATE DATABASE "${new URL(url).pathname.slice(1)}"`);
  });
});

afterAll(async () => {
  await onServer(serverUrl, async (client) => {
    for (const url of [usersUrl, ordersUrl]) {
      await client.query(`DROP DATABASE IF EXISTS "${new URL(url).pathname.slice(1)}" WITH (FORCE)`);
    }
  });
});

describe("pnpm db:migrate and db:seed", () => {
  it("refuse one DATABASE_URL for every subgraph, naming the variables to set, and touch nothing", async () => {
    const { code, stderr } = await run("db:migrate", { DATABASE_URL: usersUrl });
    expect(code).toBe(2);
    expect(stderr).toContain("each subgraph needs its own: set USERS_DATABASE_URL and ORDERS_DATABASE_URL");
    expect(await tablesOf(usersUrl)).toEqual([]);
  });

  it("refuse the same database for two subgraphs, and a subgraph left without a URL", async () => {
    const same = await run("db:seed", { USERS_DATABASE_URL: usersUrl, ORDERS_DATABASE_URL: usersUrl });
    expect(same.code).toBe(2);
    expect(same.stderr).toContain("USERS_DATABASE_URL and ORDERS_DATABASE_URL name the same database");
    const half = await run("db:migrate", { USERS_DATABASE_URL: usersUrl });
    expect(half.code).toBe(2);
    expect(half.stderr).toContain("ORDERS_DATABASE_URL must be set too");
    expect(await tablesOf(usersUrl)).toEqual([]);
  });

  it("migrate and seed each subgraph into its own database", async () => {
    const env = { USERS_DATABASE_URL: usersUrl, ORDERS_DATABASE_URL: ordersUrl };
    expect((await run("db:migrate", env)).code).toBe(0);
    expect((await run("db:seed", env)).code).toBe(0);
    const [users, orders] = [await tablesOf(usersUrl), await tablesOf(ordersUrl)];
    expect(users).toEqual(expect.arrayContaining(["User", "Session", "_prisma_migrations"]));
    expect(users).not.toContain("Order");
    expect(orders).toEqual(expect.arrayContaining(["Order", "OrderItem", "_prisma_migrations"]));
    expect(orders).not.toContain("User");
    const seeded = await onServer(usersUrl, (client) =>
      client.query('SELECT count(*)::int AS n FROM "User"'),
    );
    expect(seeded.rows[0].n).toBeGreaterThan(0);
  });
});
