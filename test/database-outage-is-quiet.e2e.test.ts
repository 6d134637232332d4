import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { generateSigningKeys } from "@logicore/auth";
import { openDatabase } from "@logicore/db";
import {
  createLoginThrottle,
  createUsersSubgraph,
  prepareUsersDatabase,
  type UsersSubgraph,
} from "@logicore/users";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postGraphQL } from "./support/stack.js";

const PG_BIN = "/usr/lib/postgresql/15/bin";
// initdb refuses to run as root: the private server then runs as the machine's postgres user.
const asRoot = process.getuid?.() === 0;

function pg(tool: string, args: string[]): void {
  const [command, fullArgs] = asRoot
    ? ["runuser", ["-u", "postgres", "--", join(PG_BIN, tool), ...args]]
    : [join(PG_BIN, tool), args];
  execFileSync(command, fullArgs, { stdio: "ignore" });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const lines: Array<{ level: number; msg: string; err?: { stack?: string } }> = [];
const logger = pino(
  { level: "info" },
  new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split("\n").filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  }),
);

let dataDir: string;
let port: number;
let users: UsersSubgraph;
let url: string;
const startPostgres = () => pg("pg_ctl", ["-D", dataDir, "-o", `-p ${port} -k ${dataDir}`, "-w", "start"]);
const stopPostgres = () => pg("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "logicore-outage-"));
  if (asRoot) chownSync(dataDir, Number(execFileSync("id", ["-u", "postgres"]).toString().trim()), 0);
  chmodSync(dataDir, 0o700);
  port = await freePort();
  pg("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust"]);
  startPostgres();
  const database = await openDatabase({
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    dataDir: "memory://",
    poolMax: 2,
  });
  users = await createUsersSubgraph({
    database,
    mode: "development",
    logger,
    sessions: {
      ...generateSigningKeys(),
      issuer: "logicore",
      audience: "logicore-api",
      accessTokenTtlSeconds: 900,
      refreshTokenTtlSeconds: 3600,
    },
    throttle: createLoginThrottle({ perAccount: 1000, perAddress: 1000 }),
    mailer: { send: async () => undefined },
  });
  await prepareUsersDatabase(database, users.prisma, {
    mode: "development",
    seedAdminPassword: undefined,
    logger,
  });
  url = await users.server.listen(0, "127.0.0.1");
}, 60_000);

afterAll(async () => {
  await users?.close().catch(() => undefined);
  try {
    stopPostgres();
  } catch {
    // already stopped by a failed test
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const login = (n: number) =>
  postGraphQL(
    url,
    'mutation ($email: String!) { login(email: $email, password: "Wrong-Password-1") { accessToken } }',
    {
      email: `nobody-${n}@outage.test`,
    },
  );
const readyUrl = () => url.replace("/graphql", "/health/ready");
const outageMetric = async () => {
  const text = await (await fetch(url.replace("/graphql", "/metrics"))).text();
  const line = text.split("\n").find((l) => l.startsWith("logicore_subgraph_db_unavailable_total{"));
  return Number(line?.split(" ").at(-1) ?? Number.NaN);
};

describe("when the users database goes away and comes back", () => {
  it("answers a coded error, says little in the log, counts the failures, and recovers", async () => {
    expect((await fetch(readyUrl())).status).toBe(200);
    expect(firstCode(await login(0))).toBe("UNAUTHENTICATED");

    stopPostgres();
    lines.length = 0;
    const ready = await fetch(readyUrl());
    const readyBody = await ready.text();
    expect(ready.status).toBe(503);
    expect(JSON.parse(readyBody)).toEqual({ status: "unready", database: "unreachable" });
    for (const leak of ["ECONNREFUSED", "127.0.0.1", String(port)]) expect(readyBody).not.toContain(leak);

    for (let n = 1; n <= 20; n += 1) {
      const response = await login(n);
      expect(response.body.errors?.[0]?.extensions).toEqual({ code: "SERVICE_UNAVAILABLE" });
      expect(response.body.errors?.[0]?.message).toBe("The database is unavailable; try again shortly");
    }
    const warnings = lines.filter((line) => line.level >= 40);
    expect(warnings.length).toBeLessThanOrEqual(2);
    expect(warnings[0]?.msg).toMatch(/database.*unreachable/);
    expect(JSON.stringify(lines)).not.toContain("    at ");
    expect(await outageMetric()).toBeGreaterThanOrEqual(20);

    startPostgres();
    await expect.poll(async () => (await fetch(readyUrl())).status, { timeout: 15_000 }).toBe(200);
    await expect.poll(async () => firstCode(await login(99)), { timeout: 15_000 }).toBe("UNAUTHENTICATED");
    expect(lines.filter((line) => line.level === 30 && /database.*back/.test(line.msg))).toHaveLength(1);
    expect(lines.filter((line) => line.level >= 40).length).toBeLessThanOrEqual(2);
  }, 60_000);
});

function firstCode(response: Awaited<ReturnType<typeof postGraphQL>>): unknown {
  return response.body.errors?.[0]?.extensions?.code;
}
