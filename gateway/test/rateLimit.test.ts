import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { gatewayRules, type RateLimitOptions } from "../src/index.js";
import { composeFixtures, type FixtureSubgraph, startTestGateway, type TestGateway } from "./fixtures.js";
import { bearer, startOrdersFixture, startUsersFixture, userIds } from "./identityFixtures.js";

// A Redis server runs on every machine of this project (README); REDIS_URL points elsewhere.
const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";

let users: FixtureSubgraph;
let orders: FixtureSubgraph;
let supergraphSdl: string;
const started: TestGateway[] = [];

beforeAll(async () => {
  users = await startUsersFixture();
  orders = await startOrdersFixture();
  supergraphSdl = composeFixtures([users, orders]);
});
afterEach(async () => {
  await Promise.all(started.splice(0).map((gateway) => gateway.server.close()));
});
afterAll(async () => {
  await users?.stop();
  await orders?.stop();
});

/** A gateway over the identity fixtures with the real rules and these budgets. */
async function gatewayWith(
  rateLimit: RateLimitOptions,
  trustProxy?: readonly string[],
): Promise<TestGateway> {
  const gateway = await startTestGateway({
    supergraphSdl,
    rules: gatewayRules,
    rateLimit,
    ...(trustProxy ? { trustProxy } : {}),
  });
  started.push(gateway);
  return gateway;
}

const ME = "{ me { id } }";
const LOGIN = 'mutation { login(email: "a@logicore.test", password: "secret") { accessToken } }';
const customer = bearer("CUSTOMER", { userId: userIds.customer });
const otherCustomer = bearer("CUSTOMER", { userId: userIds.otherCustomer });
const admin = bearer("ADMIN", { userId: userIds.admin });
const garbageToken = { authorization: "Bearer not.a.token" };
const fetches = () => users.received.length + orders.received.length;

async function statuses(
  gateway: TestGateway,
  count: number,
  query: string,
  headers: Record<string, string>,
): Promise<number[]> {
  const result: number[] = [];
  for (let index = 0; index < count; index += 1) result.push((await gateway.post(query, headers)).status);
  return result;
}

async function metric(gateway: TestGateway, series: string): Promise<number | undefined> {
  const text = await (await fetch(`${gateway.origin}/metrics`)).text();
  const line = text.split("\n").find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

const decisions = (client: string, decision: string) =>
  `logicore_gateway_rate_limit_decisions_total{client="${client}",decision="${decision}"}`;

describe("per-user rate limit", () => {
  it("refuses a user's request over the budget with 429, Retry-After and RATE_LIMITED, before any subgraph call", async () => {
    const gateway = await gatewayWith({ perUser: 3, roleMultipliers: {} });
    expect(await statuses(gateway, 3, ME, customer)).toEqual([200, 200, 200]);
    const before = fetches();

    const refused = await gateway.post(ME, customer);

    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(refused.body).toEqual({
      errors: [
        {
          message: `Too many requests; retry in ${retryAfter} s`,
          extensions: { code: "RATE_LIMITED", retryAfter },
        },
      ],
    });
    expect(fetches()).toBe(before);
  });

  it("leaves other users' budgets alone", async () => {
    const gateway = await gatewayWith({ perUser: 2, roleMultipliers: {} });
    expect(await statuses(gateway, 3, ME, customer)).toEqual([200, 200, 429]);
    expect(await statuses(gateway, 2, ME, otherCustomer)).toEqual([200, 200]);
    // Nor is a signed-in user's address budget spent: a whole office may share one address.
    expect(await statuses(gateway, 1, LOGIN, {})).toEqual([200]);
  });

  it("multiplies the budget by the role's multiplier", async () => {
    const gateway = await gatewayWith({ perUser: 2, roleMultipliers: { ADMIN: 3 } });
    expect(await statuses(gateway, 7, ME, admin)).toEqual([200, 200, 200, 200, 200, 200, 429]);
    expect(await statuses(gateway, 3, ME, customer)).toEqual([200, 200, 429]);
  });

  it("starts counting again when the window ends", async () => {
    const gateway = await gatewayWith({ perUser: 1, roleMultipliers: {}, windowSeconds: 1 });
    const [, refused] = [await gateway.post(ME, customer), await gateway.post(ME, customer)];
    expect(refused?.status).toBe(429);
    expect(refused?.headers.get("retry-after")).toBe("1");
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await gateway.post(ME, customer)).status).toBe(200);
  });

  it("is off with a budget of 0", async () => {
    const gateway = await gatewayWith({ perUser: 0, perAddress: 0 });
    expect(await statuses(gateway, 5, ME, customer)).toEqual([200, 200, 200, 200, 200]);
    expect(await statuses(gateway, 5, LOGIN, {})).toEqual([200, 200, 200, 200, 200]);
    expect(await metric(gateway, decisions("user", "allowed"))).toBe(0);
  });
});

describe("per-address rate limit for anonymous callers", () => {
  it("counts callers without a token and with a refused one alike; over the budget, 429 wins over 401", async () => {
    const gateway = await gatewayWith({ perAddress: 3 });
    expect((await gateway.post(LOGIN, {})).status).toBe(200);
    expect((await gateway.post(ME, garbageToken)).status).toBe(401);
    expect((await gateway.post(LOGIN, {})).status).toBe(200);
    const before = fetches();

    const refusedToken = await gateway.post(ME, garbageToken);
    const anonymous = await gateway.post(LOGIN, {});

    expect(refusedToken.status).toBe(429);
    expect(refusedToken.body.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect(refusedToken.headers.get("www-authenticate")).toBeNull();
    expect(anonymous.status).toBe(429);
    expect(Number(anonymous.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(fetches()).toBe(before);
    // A valid token spends its user's budget, not the address's.
    expect((await gateway.post(ME, customer)).status).toBe(200);
  });

  it("keys on x-forwarded-for only when the proxy it came through is trusted", async () => {
    const behindProxy = await gatewayWith({ perAddress: 1 }, ["127.0.0.1"]);
    const forwardedFor = (address: string) => ({ "x-forwarded-for": address });
    expect((await behindProxy.post(LOGIN, forwardedFor("203.0.113.7"))).status).toBe(200);
    expect((await behindProxy.post(LOGIN, forwardedFor("203.0.113.7"))).status).toBe(429);
    expect((await behindProxy.post(LOGIN, forwardedFor("203.0.113.8"))).status).toBe(200);
    // The subgraphs (the login throttle) see the same client address.
    expect(users.received.at(-1)?.["x-forwarded-for"]).toBe("203.0.113.8");

    // Without TRUST_PROXY, a client naming another address in the header gains nothing.
    const direct = await gatewayWith({ perAddress: 1 });
    expect((await direct.post(LOGIN, forwardedFor("203.0.113.7"))).status).toBe(200);
    expect((await direct.post(LOGIN, forwardedFor("203.0.113.8"))).status).toBe(429);
  });
});

describe("rate-limit metrics", () => {
  it("counts every decision by client kind, and never counts health probes or /metrics", async () => {
    const gateway = await gatewayWith({ perUser: 1, perAddress: 1, roleMultipliers: {} });
    expect(await metric(gateway, decisions("user", "limited"))).toBe(0);
    await statuses(gateway, 3, ME, customer);
    await statuses(gateway, 2, LOGIN, {});
    for (const path of ["/health/live", "/health/ready", "/metrics"]) await fetch(`${gateway.origin}${path}`);

    expect(await metric(gateway, decisions("user", "allowed"))).toBe(1);
    expect(await metric(gateway, decisions("user", "limited"))).toBe(2);
    expect(await metric(gateway, decisions("anonymous", "allowed"))).toBe(1);
    expect(await metric(gateway, decisions("anonymous", "limited"))).toBe(1);
    expect(await metric(gateway, 'logicore_gateway_graphql_errors_total{code="RATE_LIMITED"}')).toBe(3);
  });
});

describe("rate limits in Redis", () => {
  it("shares one budget between gateways with the same key prefix, and only those", async () => {
    const shared = { redisUrl, keyPrefix: `logicore-test:${randomUUID()}`, perUser: 2, roleMultipliers: {} };
    const first = await gatewayWith(shared);
    const second = await gatewayWith(shared);
    const elsewhere = await gatewayWith({ ...shared, keyPrefix: `logicore-test:${randomUUID()}` });

    expect((await first.post(ME, customer)).status).toBe(200);
    expect((await second.post(ME, customer)).status).toBe(200);
    expect((await first.post(ME, customer)).status).toBe(429);
    expect((await second.post(ME, customer)).status).toBe(429);
    expect((await elsewhere.post(ME, customer)).status).toBe(200);
  });

  it("counts in-process, without waiting and with a warning, when nothing listens at REDIS_URL", async () => {
    const gateway = await gatewayWith({ redisUrl: "redis://127.0.0.1:1", perUser: 2, roleMultipliers: {} });
    const startedAt = performance.now();
    expect(await statuses(gateway, 3, ME, customer)).toEqual([200, 200, 429]);
    expect(performance.now() - startedAt).toBeLessThan(2000);
    expect(gateway.logs.some((line) => String(line.msg).includes("Redis is not answering"))).toBe(true);
  });

  it("counts in-process within the command timeout when Redis accepts connections but never answers", async () => {
    // Reads every command and answers none, like a server stuck mid-failover.
    const silent: Server = createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as { port: number };
    try {
      const gateway = await gatewayWith({
        redisUrl: `redis://127.0.0.1:${port}`,
        redisTimeoutMs: 200,
        perUser: 2,
        roleMultipliers: {},
      });
      const startedAt = performance.now();
      expect(await statuses(gateway, 3, ME, customer)).toEqual([200, 200, 429]);
      expect(performance.now() - startedAt).toBeLessThan(2000);
      const closing = performance.now();
      await gateway.server.close();
      started.splice(started.indexOf(gateway), 1);
      expect(performance.now() - closing).toBeLessThan(2000);
    } finally {
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
