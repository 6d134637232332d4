import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startStack, type TestStack } from "./support/stack.js";

// Small budgets, so a test can spend them; with REDIS_URL they are counted there, under this stack's prefix.
const PER_USER = 5;
const PER_ADDRESS = 20;
const ADMIN_MULTIPLIER = 3;

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack({
    rateLimit: { perUser: PER_USER, perAddress: PER_ADDRESS, roleMultipliers: { ADMIN: ADMIN_MULTIPLIER } },
  });
});
afterAll(() => stack?.close());

const ME = "{ me { id } }";
const subgraphCallCount = () => stack.subgraphCalls.users.length + stack.subgraphCalls.orders.length;

async function decisions(client: "user" | "anonymous", decision: "allowed" | "limited"): Promise<number> {
  const text = await (await fetch(new URL("/metrics", stack.gatewayUrl))).text();
  const series = `logicore_gateway_rate_limit_decisions_total{client="${client}",decision="${decision}"} `;
  const line = text.split("\n").find((candidate) => candidate.startsWith(series));
  if (line === undefined) throw new Error(`no ${series} in /metrics`);
  return Number(line.slice(series.length));
}

describe("rate limits at the gateway", () => {
  it("answers a user's request over the budget with 429, Retry-After and RATE_LIMITED, and calls no subgraph", async () => {
    const customer = await stack.userWithRole("CUSTOMER");
    for (let index = 0; index < PER_USER; index += 1) {
      const response = await stack.graphql(ME, {}, customer.headers);
      expect(response.body.data?.me).toEqual({ id: customer.user.id });
    }
    const limitedBefore = await decisions("user", "limited");
    const callsBefore = subgraphCallCount();

    const refused = await stack.graphql(ME, {}, customer.headers);

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
    expect(subgraphCallCount()).toBe(callsBefore);
    expect(await decisions("user", "limited")).toBe(limitedBefore + 1);

    // Another user, the ADMIN with its multiplier, still gets through.
    const admin = await stack.graphql(ME);
    expect(admin.status).toBe(200);
    expect(admin.body.data?.me).toEqual({ id: stack.admin.id });
  });

  it("gives a role its multiple of the budget", async () => {
    const otherAdmin = await stack.userWithRole("ADMIN");
    const statuses: number[] = [];
    for (let index = 0; index <= PER_USER * ADMIN_MULTIPLIER; index += 1) {
      statuses.push((await stack.graphql(ME, {}, otherAdmin.headers)).status);
    }
    expect(statuses).toEqual([...Array(PER_USER * ADMIN_MULTIPLIER).fill(200), 429]);
  });

  it("counts refused tokens against their address, and then refuses that address's anonymous calls too", async () => {
    const customer = await stack.userWithRole("CUSTOMER");
    // Every sign-in so far (the stack's and the tests') was anonymous, from this same 127.0.0.1.
    const left = PER_ADDRESS - (await decisions("anonymous", "allowed"));
    const callsBefore = subgraphCallCount();

    const statuses: number[] = [];
    for (let index = 0; index <= left; index += 1) {
      statuses.push((await stack.graphql(ME, {}, { authorization: `Bearer forged-${index}` })).status);
    }
    const signIn = stack.signIn(customer.user.email, customer.user.password);

    expect(statuses).toEqual([...Array(left).fill(401), 429]);
    await expect(signIn).rejects.toThrow(/RATE_LIMITED/);
    expect(subgraphCallCount()).toBe(callsBefore);
    // A signed-in user spends their own budget, not the address's.
    expect((await stack.graphql(ME, {}, customer.headers)).status).toBe(200);
  });
});
