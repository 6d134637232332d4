import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { postGraphQL } from "./support/stack.js";

const root = join(import.meta.dirname, "..");

// The README's sign-in and first query, read from the README itself so the two cannot drift apart.
const [README_SIGN_IN = "", README_QUERY = ""] = [
  ...readFileSync(join(root, "README.md"), "utf8").matchAll(/```graphql\n([\s\S]*?)```/g),
].map((match) => match[1] ?? "");

const dataDir = mkdtempSync(join(tmpdir(), "logicore-quick-start-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** `pnpm start`'s own script, with the ports and data folder of this test. */
async function startStack(): Promise<{ child: ChildProcess; gatewayPort: number; output: () => string }> {
  const [gatewayPort, usersPort, ordersPort] = [await freePort(), await freePort(), await freePort()];
  const child = spawn(process.execPath, ["scripts/start-stack.mjs"], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "development",
      DATABASE_URL: "",
      DATA_DIR: dataDir,
      GATEWAY_PORT: String(gatewayPort),
      USERS_PORT: String(usersPort),
      ORDERS_PORT: String(ordersPort),
    },
    stdio: ["ignore", "pipe", "pipe"],
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
  return { child, gatewayPort, output: () => output };
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}

describe("the README quick start (pnpm start on the embedded database)", () => {
  it("migrates, seeds, serves the README query through the gateway, and stops cleanly on SIGTERM", async () => {
    expect(README_SIGN_IN).toContain("mutation SignIn");
    expect(README_QUERY).toContain("query FirstLook");
    const stack = await startStack();
    const gateway = `http://127.0.0.1:${stack.gatewayPort}/graphql`;
    const signIn = await postGraphQL(gateway, README_SIGN_IN);
    const token = (signIn.body.data?.login as { accessToken: string } | undefined)?.accessToken;
    expect(token, JSON.stringify(signIn.body)).toBeTypeOf("string");
    const authorization = { authorization: `Bearer ${token}` };
    const response = await postGraphQL(gateway, README_QUERY, {}, authorization);
    expect(response.body.errors).toBeUndefined();
    const data = response.body.data as {
      users: { totalCount: number; edges: Array<{ node: { email: string; role: string } }> };
      user: {
        email: string;
        orders: {
          totalCount: number;
          edges: Array<{ node: { total: string; customer: { email: string } } }>;
        };
      };
    };
    expect(data.users.totalCount).toBe(5);
    expect(data.users.edges.map((edge) => edge.node.email)).toContain("admin@logicore.dev");
    // Across both subgraphs: the seeded customer, their orders, and each order's customer again.
    expect(data.user.email).toBe("customer@logicore.dev");
    expect(data.user.orders.totalCount).toBe(3);
    for (const { node } of data.user.orders.edges) {
      expect(node.customer.email).toBe("customer@logicore.dev");
      expect(node.total).toMatch(/^\d+\.\d{2}$/);
    }
    expect(stack.output()).toContain(`embedded PGlite at ${join(dataDir, "users")}`);
    expect(stack.output()).toContain(`embedded PGlite at ${join(dataDir, "orders")}`);
    expect(stack.output()).toContain("DEVELOPMENT DEFAULT");
    expect(await stop(stack.child)).toBe(0);

    // A second start reopens the same data and keys: nothing is seeded twice, the session lives on.
    const again = await startStack();
    const second = await postGraphQL(
      `http://127.0.0.1:${again.gatewayPort}/graphql`,
      "{ userStats { total } orders(first: 100) { totalCount } }",
      {},
      authorization,
    );
    expect(second.body.data, JSON.stringify(second.body)).toEqual({
      userStats: { total: 5 },
      orders: { totalCount: 3 },
    });
    expect(await stop(again.child)).toBe(0);
  }, 180_000);
});
