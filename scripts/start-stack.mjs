// `pnpm start`: the whole stack on this machine, each deployable in its own process as in
// production (gateway on GATEWAY_PORT, users on USERS_PORT,
// orders on ORDERS_PORT). Ctrl-C or SIGTERM drains all of them;
// if one dies, the others are stopped and the exit code says so.
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
let stopping = false;

function start(name, entry, env) {
  const child = spawn(process.execPath, ["--import", "tsx", entry], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: "inherit",
  });
  children.set(name, child);
  child.on("exit", (code, signal) => {
    children.delete(name);
    if (!stopping) {
      console.error(`[start] ${name} exited (${signal ?? code}); stopping the stack`);
      stop(1);
    } else if (children.size === 0) {
      process.exit(process.exitCode ?? 0);
    }
  });
}

function stop(code) {
  if (stopping) return;
  stopping = true;
  process.exitCode = code;
  if (children.size === 0) process.exit(code);
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
