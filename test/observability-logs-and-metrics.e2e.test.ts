import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { repositoryRoot, type SpawnedStack, spawnStack } from "./support/spawnedStack.js";
import { postGraphQL } from "./support/stack.js";

// The real deployables in their own processes (`pnpm start`'s script), logging at debug so that
// anything a library logs about requests is in the output these tests read.
const dataDir = mkdtempSync(join(tmpdir(), "logicore-observability-"));
let stack: SpawnedStack;
let gateway: string;
beforeAll(async () => {
  stack = await spawnStack({ DATA_DIR: dataDir, LOG_LEVEL: "debug" });
  gateway = `http://127.0.0.1:${stack.gatewayPort}/graphql`;
}, 120_000);
afterAll(async () => {
  expect(await stack?.stop()).toBe(0);
  rmSync(dataDir, { recursive: true, force: true });
});

type LogLine = Record<string, unknown> & { service?: string; msg?: string };

function logLines(): LogLine[] {
  return stack
    .output()
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as LogLine);
}

const LOGIN = `mutation SignIn($email: String!, $password: String!) {
  login(email: $email, password: $password) { accessToken refreshToken }
}`;

describe("following one request across the gateway's and the subgraphs' logs", () => {
  it("finds the client's x-request-id on the gateway's lines and on each subgraph's", async () => {
    const login = await postGraphQL(gateway, LOGIN, {
      email: "admin@logicore.dev",
      password: "ChangeMe-Admin-1",
    });
    const token = (login.body.data?.login as { accessToken: string } | undefined)?.accessToken;
    const requestId = `follow-me-${randomUUID()}`;
    const response = await postGraphQL(
      gateway,
      "query Followed { orders(first: 2) { edges { node { id customer { email } } } } }",
      {},
      { authorization: `Bearer ${token}`, "x-request-id": requestId },
    );
    expect(response.body.errors).toBeUndefined();
    expect(response.headers.get("x-request-id")).toBe(requestId);

    // Each process writes its own lines; wait until all three have reached this test's pipes.
    await vi.waitFor(
      () => {
        const lines = logLines().filter((line) => line.reqId === requestId || line.requestId === requestId);
        const byService = (service: string) => lines.filter((line) => line.service === service);
        for (const service of ["gateway", "orders", "users"]) {
          expect(
            byService(service).some((line) => line.msg === "request completed"),
            service,
          ).toBe(true);
        }
        const operation = byService("gateway").find((line) => line.msg === "graphql operation");
        expect(operation).toMatchObject({
          operationName: "Followed",
          operationType: "query",
          outcome: "success",
          status: 200,
          userId: expect.any(String),
          traceId: expect.stringMatching(/^[0-9a-f]{32}$/),
        });
        // The gateway fetched orders, then users for each order's customer.
        const calls = ((operation?.subgraphCalls ?? []) as Array<{ subgraph: string; outcome: string }>).map(
          (call) => `${call.subgraph}:${call.outcome}`,
        );
        expect(calls).toEqual(["orders:success", "users:success"]);
      },
      { timeout: 5_000, interval: 100 },
    );
  });
});

describe("secrets in the logs", () => {
  it("never writes a password, access token, refresh token or authorization header", async () => {
    const password = `Pw-${randomUUID()}`;
    const signUp = await postGraphQL(
      gateway,
      `mutation Join($input: SignUpInput!) { signUp(input: $input) { accessToken refreshToken } }`,
      { input: { email: `log-${randomUUID()}@example.com`, password, name: "Log Reader" } },
    );
    const first = signUp.body.data?.signUp as { accessToken: string; refreshToken: string };
    expect(first?.accessToken, JSON.stringify(signUp.body)).toBeTypeOf("string");
    const refreshed = await postGraphQL(
      gateway,
      "mutation Renew($token: String!) { refreshToken(refreshToken: $token) { accessToken refreshToken } }",
      { token: first.refreshToken },
      { authorization: `Bearer ${first.accessToken}` },
    );
    const second = refreshed.body.data?.refreshToken as { accessToken: string; refreshToken: string };
    expect(second?.accessToken, JSON.stringify(refreshed.body)).toBeTypeOf("string");
    // A failed login, a query with the token in a cookie too, and a logout.
    const wrong = `Wrong-${randomUUID()}`;
    await postGraphQL(gateway, LOGIN, { email: "admin@logicore.dev", password: wrong });
    await postGraphQL(
      gateway,
      "{ me { id } }",
      {},
      { authorization: `Bearer ${second.accessToken}`, cookie: `session=${second.refreshToken}` },
    );
    await postGraphQL(
      gateway,
      "mutation Out($token: String!) { logout(refreshToken: $token) }",
      { token: second.refreshToken },
      { authorization: `Bearer ${second.accessToken}` },
    );
    // The requests above were logged (so the check below reads real lines)...
    const output = stack.output();
    expect(logLines().filter((line) => line.msg === "graphql operation").length).toBeGreaterThanOrEqual(5);
    // ...and none of them carries a secret, in any process.
    for (const secret of [
      password,
      wrong,
      first.accessToken,
      first.refreshToken,
      second.accessToken,
      second.refreshToken,
    ]) {
      expect(output).not.toContain(secret);
    }
    expect(output).not.toMatch(/Bearer [A-Za-z0-9_-]+\./);
    // The one exception is public: the development seed password, named in a loud warning so
    // nobody keeps it by accident (the README prints it too; production refuses it).
    const mentions = logLines().filter((line) => JSON.stringify(line).includes("ChangeMe-Admin-1"));
    expect(mentions.map((line) => line.msg)).toEqual([expect.stringContaining("DEVELOPMENT DEFAULT")]);
  });
});

describe("GET /metrics after real traffic", () => {
  const readme = readFileSync(join(repositoryRoot, "README.md"), "utf8");
  const documented = [
    ...new Set([...readme.matchAll(/`(logicore_[a-z_]+)[`{]/g)].map((match) => match[1] ?? "")),
  ];
  const exposed = async (port: number) => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    return new Set([...text.matchAll(/^# TYPE (logicore_[a-z_]+) /gm)].map((match) => match[1]));
  };

  it("shows every series the README documents, and the README documents every series shown", async () => {
    expect(documented.length).toBeGreaterThan(15);
    const gatewaySeries = await exposed(stack.gatewayPort);
    const usersSeries = await exposed(stack.usersPort);
    const ordersSeries = await exposed(stack.ordersPort);
    for (const name of documented) {
      if (name.startsWith("logicore_gateway_")) expect(gatewaySeries, name).toContain(name);
      else {
        expect(usersSeries, name).toContain(name);
        expect(ordersSeries, name).toContain(name);
      }
    }
    for (const name of [...gatewaySeries, ...usersSeries, ...ordersSeries]) {
      expect(documented, `${name} is served but not in the README`).toContain(name);
    }
  });
});
