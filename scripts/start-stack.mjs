// `pnpm start`: the whole stack on this machine, each deployable in its own process as in
// production (gateway on GATEWAY_PORT, users on USERS_PORT,
// orders on ORDERS_PORT). Ctrl-C or SIGTERM drains all of them and exits 0 with a line that says
// so; if one dies, the others are stopped and the exit code says so (78: a refused configuration).
// package.json runs it with `exec`: a shell between pnpm and this script would die on Ctrl-C's
// SIGINT at once, and pnpm would report a failed command while the stack was still draining.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const gatewayPort = process.env.GATEWAY_PORT ?? "4000";
const subgraphs = [
  { name: "users", port: process.env.USERS_PORT ?? "4001" },
  { name: "orders", port: process.env.ORDERS_PORT ?? "4002" },
];

const children = new Map();
const failures = [];
let stopping = false;
// A deployable that refused its configuration exits 78 (EX_CONFIG) after saying why in one line.
const CONFIG_EXIT_CODE = 78;

function start(name, entry, env) {
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: "inherit",
    // Its own process group: Ctrl-C reaches this script only, which then asks each deployable to
    // drain exactly once (a deployable takes a second signal as "exit now, do not drain").
    detached: true,
  });
  children.set(name, child);
  child.on("exit", (code, signal) => {
    children.delete(name);
    // A drained deployable exits 0; one stopped while still starting may end by our SIGTERM.
    if (code !== 0 && !(stopping && signal === "SIGTERM")) failures.push(`${name} (${signal ?? code})`);
    if (!stopping) {
      const why =
        code === CONFIG_EXIT_CODE ? "refused its configuration (above)" : `exited (${signal ?? code})`;
      console.error(`[start] ${name} ${why}; stopping the stack`);
      stop(code === CONFIG_EXIT_CODE ? CONFIG_EXIT_CODE : 1);
    } else if (children.size === 0) {
      finish();
    }
  });
}

function finish() {
  if (failures.length === 0) {
    console.log("[start] LogiCore stopped: gateway, users and orders drained and exited");
    process.exit(process.exitCode ?? 0);
  }
  console.error(`[start] LogiCore stopped; not cleanly: ${failures.join(", ")}`);
  process.exit(process.exitCode || 1);
}

function stop(code) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  if (children.size === 0) finish();
  for (const child of children.values()) child.kill("SIGTERM");
}

const overrides = {};
for (const { name, port } of subgraphs) {
  start(name, `subgraphs/${name}/src/main.ts`, { PORT: port });
  overrides[`${name.toUpperCase()}_SUBGRAPH_URL`] = `http://127.0.0.1:${port}/graphql`;
}
start("gateway", "gateway/src/main.ts", { PORT: gatewayPort, ...overrides });

process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
// Never leave a deployable behind in its own group, whatever ends this script.
process.on("exit", () => {
  for (const child of children.values()) child.kill("SIGTERM");
});

// One line a person can act on, once every deployable answers its readiness probe.
const probes = [gatewayPort, ...subgraphs.map(({ port }) => port)].map(
  (port) => `http://127.0.0.1:${port}/health/ready`,
);
const deadline = Date.now() + 120_000;
while (!stopping && Date.now() < deadline) {
  const answers = await Promise.all(
    probes.map((url) =>
      fetch(url).then(
        (response) => response.ok,
        () => false,
      ),
    ),
  );
  if (answers.every(Boolean)) {
    console.log(
      `[start] LogiCore is ready: open http://localhost:${gatewayPort}/explorer (GraphiQL, works offline) ` +
        `or http://localhost:${gatewayPort}/graphql (Apollo Sandbox, loads from Apollo's CDN)`,
    );
    break;
  }
  await new Promise((resolve) => setTimeout(resolve, 250));
}
