import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repositoryRoot as root, spawnStack } from "./support/spawnedStack.js";
import { postGraphQL } from "./support/stack.js";

// The README's sign-in and first query, read from the README itself so the two cannot drift apart.
const [README_SIGN_IN = "", README_QUERY = ""] = [
  ...readFileSync(join(root, "README.md"), "utf8").matchAll(/```graphql\n([\s\S]*?)```/g),
].map((match) => match[1] ?? "");

const dataDir = mkdtempSync(join(tmpdir(), "logicore-quick-start-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("the README quick start (pnpm start on the embedded database)", () => {
  it("migrates, seeds, serves the README query through the gateway, and stops cleanly on SIGTERM and Ctrl-C", async () => {
    expect(README_SIGN_IN).toContain("mutation SignIn");
    expect(README_QUERY).toContain("query FirstLook");
    const stack = await spawnStack({ DATA_DIR: dataDir });
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
    // Quiet start: the readiness polling and library banners stay at debug, and each deployable
    // says once that it is up, on loopback (development never listens on the machine's address).
    const startLog = stack.output().split("LogiCore is ready")[0] ?? "";
    expect(startLog).not.toMatch(/health\/ready|Server listening|Mode: unmanaged|"msg":"subgraph"/);
    for (const [name, port] of [
      ["gateway", stack.gatewayPort],
      ["users subgraph", stack.usersPort],
      ["orders subgraph", stack.ordersPort],
    ] as const) {
      const lines = startLog.split("\n").filter((line) => line.includes(`"msg":"${name} ready at`));
      expect(lines, name).toHaveLength(1);
      expect(lines[0]).toContain(`ready at http://127.0.0.1:${port}/graphql`);
    }
    // Both the gateway's own log and the start script's last line say where the explorer is.
    expect(startLog).toContain(`the explorer is at http://127.0.0.1:${stack.gatewayPort}/explorer`);
    expect(stack.output()).toMatch(/LogiCore is ready: open http:\/\/localhost:\d+\/explorer/);
    expect(await stack.stop()).toBe(0);

    // A second start reopens the same data and keys: nothing is seeded twice, the session lives on.
    const again = await spawnStack({ DATA_DIR: dataDir });
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
    // Ctrl-C: every deployable drains (no "exiting without waiting"), and the last line says so.
    expect(await again.interrupt()).toBe(0);
    expect(again.output()).not.toContain("second signal");
    expect(again.output().trimEnd().split("\n").at(-1)).toBe(
      "[start] LogiCore stopped: gateway, users and orders drained and exited",
    );
  }, 180_000);
});
