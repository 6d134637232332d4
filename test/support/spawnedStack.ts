import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { join } from "node:path";

export const repositoryRoot = join(import.meta.dirname, "..", "..");

export interface SpawnedStack {
  child: ChildProcess;
  gatewayPort: number;
  usersPort: number;
  ordersPort: number;
  /** Everything the three processes wrote to stdout and stderr so far. */
  output(): string;
  /** SIGTERM, then the exit code once every process has drained. */
  stop(): Promise<number | null>;
  /** Ctrl-C at a terminal: SIGINT to the script's whole process group; resolves to its exit code. */
  interrupt(): Promise<number | null>;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/**
 * `pnpm start`'s own script (`scripts/start-stack.mjs`): gateway, users and orders each in its own
 * process, on free ports, with `env` on top of this process's environment. Resolves once the script
 * says the stack is ready.
 */
export async function spawnStack(env: Record<string, string>): Promise<SpawnedStack> {
  const [gatewayPort, usersPort, ordersPort] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(process.execPath, ["scripts/start-stack.mjs"], {
    cwd: repositoryRoot,
    env: {
      ...process.env,
      NODE_ENV: "development",
      DATABASE_URL: "",
      // With REDIS_URL, each spawned gateway spends budgets of its own, not every test run's.
      RATE_LIMIT_KEY_PREFIX: `logicore-test:${randomUUID()}`,
      ...env,
      GATEWAY_PORT: String(gatewayPort),
      USERS_PORT: String(usersPort),
      ORDERS_PORT: String(ordersPort),
    },
    stdio: ["ignore", "pipe", "pipe"],
    // A process group of its own, as a terminal gives a foreground command, so interrupt() can
    // signal the whole group the way Ctrl-C does.
    detached: true,
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes("LogiCore is ready")) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
    child.once("exit", (code) => {
      clearInterval(timer);
      reject(new Error(`stack exited with ${code}:\n${output}`));
    });
  });
  return {
    child,
    gatewayPort,
    usersPort,
    ordersPort,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => resolve(code));
        child.kill("SIGTERM");
      }),
    interrupt: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.pid === undefined) return resolve(child.exitCode);
        child.once("exit", (code) => resolve(code));
        process.kill(-child.pid, "SIGINT");
      }),
  };
}
