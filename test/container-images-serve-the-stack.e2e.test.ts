import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDeployables } from "../scripts/build.js";
import {
  environmentOf,
  execForm,
  instructionsOf,
  parseDockerfile,
  playCopies,
  stageChain,
} from "./support/dockerfile.js";
import { freePort, repositoryRoot as root } from "./support/spawnedStack.js";
import { postGraphQL } from "./support/stack.js";

// No Docker engine here, so the test does what the Dockerfile does: `pnpm build`, the build stage's
// production-deps step, then each target's COPY instructions into a folder that stands for the
// image's /app, and starts each target's CMD there with plain node: no tsx, no source, no workspace.
const run = promisify(execFile);
const stages = parseDockerfile(readFileSync(join(root, "Dockerfile"), "utf8"));
const targets = [
  { name: "users", dir: "subgraphs/users" },
  { name: "orders", dir: "subgraphs/orders" },
  { name: "gateway", dir: "gateway" },
] as const;
type Target = (typeof targets)[number]["name"];

const work = mkdtempSync(join(tmpdir(), "logicore-images-"));
const dataDir = join(work, "data");
const app = (target: Target) => join(work, "images", target);
const processes: ChildProcess[] = [];

interface Started {
  child: ChildProcess;
  output: () => string;
  exit: Promise<number | null>;
}

/** The target's CMD in its /app, as `docker run -e NODE_ENV=development …` would start it. */
function start(target: Target, env: Record<string, string>, command?: string[]): Started {
  const chain = stageChain(stages, target);
  const [executable, ...args] = command ?? execForm(instructionsOf(chain, "CMD").at(-1)) ?? [];
  expect(executable).toBe("node");
  // Only the image's environment and the variables given: nothing of this machine's.
  const child = spawn(process.execPath, args, {
    cwd: app(target),
    env: { ...environmentOf(chain), ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  processes.push(child);
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, output: () => output, exit };
}

async function ready(port: number, started: Started): Promise<void> {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`exited early:\n${started.output()}`);
    const ok = await fetch(`http://127.0.0.1:${port}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`not ready on ${port}:\n${started.output()}`);
}

async function stop(started: Started): Promise<number | null> {
  started.child.kill("SIGTERM");
  return started.exit;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).map((file) =>
    relative(dir, join(dir, file)),
  );
}

beforeAll(async () => {
  await buildDeployables();
  await Promise.all(
    targets.map(({ name, dir }) =>
      run(process.execPath, ["scripts/production-deps.mjs", dir, join(work, "deps", name)], { cwd: root }),
    ),
  );
  for (const { name } of targets) {
    playCopies(stageChain(stages, name), app(name), { "/repo/": root, "/deps/": join(work, "deps") });
  }
}, 120_000);

afterAll(() => {
  for (const child of processes) if (child.exitCode === null) child.kill("SIGKILL");
  rmSync(work, { recursive: true, force: true });
});

describe("the container images, played without Docker", () => {
  it.each(targets)("hold no source, no dev tooling and no source maps of ours in $name", ({ name }) => {
    const ours = filesUnder(app(name)).filter((file) => !file.split("/").includes("node_modules"));
    expect(ours.filter((file) => /\.(ts|map)$/.test(file))).toEqual([]);
    expect(ours.some((file) => file.endsWith("/dist/main.js"))).toBe(true);
    const packages = readdirSync(join(app(name), "node_modules", ".pnpm"));
    for (const tool of ["typescript@", "prisma@", "tsx@", "vitest@", "esbuild@", "pnpm@", "@biomejs+"]) {
      expect(packages.filter((entry) => entry.startsWith(tool))).toEqual([]);
    }
  });

  it("serve a signed-in query across both subgraphs, then drain and exit 0 on SIGTERM", async () => {
    const [gatewayPort, usersPort, ordersPort] = [await freePort(), await freePort(), await freePort()];
    const development = { NODE_ENV: "development", DATA_DIR: dataDir };
    // users first: it creates the development JWT keys the others read from DATA_DIR (the subgraph
    // signing key, shared the same way, is created by whichever starts first).
    const users = start("users", { ...development, PORT: String(usersPort) });
    await ready(usersPort, users);
    const orders = start("orders", { ...development, PORT: String(ordersPort) });
    const gateway = start("gateway", {
      ...development,
      PORT: String(gatewayPort),
      USERS_SUBGRAPH_URL: `http://127.0.0.1:${usersPort}/graphql`,
      ORDERS_SUBGRAPH_URL: `http://127.0.0.1:${ordersPort}/graphql`,
    });
    await Promise.all([ready(ordersPort, orders), ready(gatewayPort, gateway)]);

    const url = `http://127.0.0.1:${gatewayPort}/graphql`;
    const signIn = await postGraphQL(
      url,
      'mutation { login(email: "admin@logicore.dev", password: "ChangeMe-Admin-1") { accessToken } }',
    );
    const token = (signIn.body.data?.login as { accessToken?: string } | undefined)?.accessToken;
    expect(token, JSON.stringify(signIn.body)).toBeTypeOf("string");
    const response = await postGraphQL(
      url,
      `{ user(id: "0a000000-0000-4000-8000-000000000005") {
           email orders(first: 5) { totalCount edges { node { total customer { email } } } } } }`,
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(response.body.errors, JSON.stringify(response.body)).toBeUndefined();
    const user = response.body.data?.user as {
      email: string;
      orders: { totalCount: number; edges: Array<{ node: { customer: { email: string } } }> };
    };
    expect(user.email).toBe("customer@logicore.dev");
    expect(user.orders.totalCount).toBe(3);
    for (const { node } of user.orders.edges) expect(node.customer.email).toBe("customer@logicore.dev");

    expect(await stop(gateway)).toBe(0);
    expect(await Promise.all([stop(orders), stop(users)])).toEqual([0, 0]);
    expect(users.output()).toContain("draining before exit");
  });

  it("migrate a fresh database with `node subgraphs/<name>/dist/migrate.js`, the migration Jobs' command", async () => {
    const migrations = (["users", "orders"] as const).map((name) => {
      const fresh = join(work, `migrate-${name}`);
      const command = ["node", `subgraphs/${name}/dist/migrate.js`];
      return { name, fresh, run: start(name, { NODE_ENV: "development", DATA_DIR: fresh }, command) };
    });
    for (const { name, fresh, run } of migrations) {
      expect(await run.exit, run.output()).toBe(0);
      expect(run.output()).toMatch(/applied \d+ migration\(s\)/);
      expect(existsSync(join(fresh, name))).toBe(true);
    }
  });
});
