import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { GATEWAY_PROOF_HEADER, generateSigningKeys, signGatewayProof } from "@logicore/auth";
import { createBenchDatabase } from "./benchDatabase.js";
import { loadBenchConfig } from "./config.js";
import { fetchExpectedBody, type LoadResult, runLoad } from "./load.js";
import { freePort, memoryOf, run, startService } from "./processes.js";
import { formatReport } from "./report.js";

// What a user list screen asks for: one subgraph, so the difference is the gateway's own cost
// (parsing, planning, the extra hop and re-serialisation), not a join.
const QUERY = "{ users(first: 10) { edges { node { id email name role } } totalCount } }";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const config = loadBenchConfig();

// Everything started is undone in reverse order, on success, failure or Ctrl-C: a benchmark must
// not leave servers running or databases behind.
const cleanups: Array<() => Promise<void>> = [];
let cleaning: Promise<void> | undefined;
function cleanUp(): Promise<void> {
  cleaning ??= (async () => {
    for (const cleanup of cleanups.reverse()) {
      await cleanup().catch((error: unknown) => console.error(`cleanup failed: ${(error as Error).message}`));
    }
  })();
  return cleaning;
}
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the services and dropping the database`);
    void cleanUp().finally(() => process.exit(130));
  });
}

// Production refuses development keys and passwords, so the bench makes its own.
const keys = generateSigningKeys();
const subgraphSigningKey = randomBytes(32);
const auth = {
  JWT_PRIVATE_KEY: keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  JWT_PUBLIC_KEY: keys.publicKey.export({ type: "spki", format: "pem" }).toString(),
  SUBGRAPH_SIGNING_KEY: subgraphSigningKey.toString("base64"),
  // Production users require a mail server; the benchmark sends no mail, so none listens here.
  SMTP_URL: "smtp://127.0.0.1:9",
  MAIL_FROM: "bench@logicore.test",
};
const adminPassword = `Bench-${randomBytes(12).toString("base64url")}`;
let headers: Record<string, string> = {};

/** Signs in as the seeded ADMIN through the gateway: the measured query needs users:read. */
async function signIn(gatewayUrl: string): Promise<Record<string, string>> {
  const login = `mutation { login(email: "admin@logicore.dev", password: "${adminPassword}") { accessToken } }`;
  const body = JSON.parse(await fetchExpectedBody(gatewayUrl, login)) as {
    data: { login: { accessToken: string } };
  };
  return { authorization: `Bearer ${body.data.login.accessToken}` };
}

async function measure(label: string, url: string, extra: Record<string, string> = {}): Promise<LoadResult> {
  const all = { ...headers, ...extra };
  const expectBody = await fetchExpectedBody(url, QUERY, all);
  const load = { url, query: QUERY, connections: config.connections, expectBody, headers: all };
  console.log(`${label}: warming up for ${config.warmupSeconds} s`);
  await runLoad({ ...load, durationSeconds: config.warmupSeconds });
  console.log(`${label}: measuring for ${config.durationSeconds} s`);
  return runLoad({ ...load, durationSeconds: config.durationSeconds });
}

try {
  const database = await createBenchDatabase(config.serverUrl);
  cleanups.push(async () => {
    await database.drop();
    console.log(`dropped database ${database.name}`);
  });
  console.log(`created database ${database.name}`);

  // Migrations and seed run as the deploy Job does; production refuses to migrate on its own.
  const setupEnv = {
    DATABASE_URL: database.url,
    NODE_ENV: "development",
    SEED_ADMIN_PASSWORD: adminPassword,
  };
  await run("pnpm", ["--filter", "@logicore/users", "db:migrate"], repoRoot, setupEnv);
  await run("pnpm", ["--filter", "@logicore/users", "db:seed"], repoRoot, setupEnv);

  const logDir = await mkdtemp(join(tmpdir(), "logicore-bench-"));
  const users = await startService({
    name: "users",
    script: "subgraphs/users/src/main.ts",
    port: await freePort(),
    env: { NODE_ENV: "production", DATABASE_URL: database.url, ...auth },
    repoRoot,
    logDir,
  });
  cleanups.push(users.stop);
  const gateway = await startService({
    name: "gateway",
    script: "gateway/src/main.ts",
    port: await freePort(),
    env: {
      NODE_ENV: "production",
      USERS_SUBGRAPH_URL: `${users.origin}/graphql`,
      // Production wants a URL for every subgraph; the benchmark's query reads users only, so orders
      // is not started and nothing listens there (the discard port).
      ORDERS_SUBGRAPH_URL: "http://127.0.0.1:9/graphql",
      // Out of reach, yet on: the limiter's cost is part of the gateway's, its refusals are not.
      RATE_LIMIT: "1000000000",
      ...auth,
    },
    repoRoot,
    logDir,
  });
  cleanups.push(gateway.stop);
  console.log(
    `users on ${users.origin}, gateway on ${gateway.origin}; their logs: ${logDir} (kept if the run fails)`,
  );

  headers = await signIn(`${gateway.origin}/graphql`);
  // The direct target answers only the gateway's signed requests: the load carries one proof for
  // its fixed body, valid for the whole measurement (the verifier allows at most 60 s).
  const proof = signGatewayProof(
    { audience: "users", requestId: "bench", clientAddress: "127.0.0.1" },
    {
      body: JSON.stringify({ query: QUERY }),
      key: subgraphSigningKey,
      ttlSeconds: Math.min(60, config.warmupSeconds + config.durationSeconds + 10),
    },
  );
  const direct = await measure("direct", `${users.origin}/graphql`, { [GATEWAY_PROOF_HEADER]: proof });
  const gatewayMemoryBefore = await memoryOf(gateway.pid);
  const viaGateway = await measure("gateway", `${gateway.origin}/graphql`);
  const gatewayMemoryAfter = await memoryOf(gateway.pid);

  // The children's logs only matter when something went wrong.
  cleanups.unshift(() => rm(logDir, { recursive: true, force: true }));
  console.log(
    `\n${formatReport({
      direct,
      gateway: viaGateway,
      gatewayMemoryBefore,
      gatewayMemoryAfter,
      connections: config.connections,
      durationSeconds: config.durationSeconds,
    })}`,
  );
} catch (error) {
  console.error(`benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
