import { createMemoryRevocationStore, type RevocationStore } from "@logicore/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatewayRules } from "../src/index.js";
import { composeFixtures, type FixtureSubgraph, startTestGateway, type TestGateway } from "./fixtures.js";
import { bearer, startOrdersFixture, startUsersFixture, userIds } from "./identityFixtures.js";

let users: FixtureSubgraph;
let orders: FixtureSubgraph;
let sharedStore: RevocationStore;
let replicaA: TestGateway;
let replicaB: TestGateway;

beforeAll(async () => {
  users = await startUsersFixture();
  orders = await startOrdersFixture();
  const supergraphSdl = composeFixtures([users, orders]);
  // Two gateway replicas over one store, as production runs them over one Redis.
  sharedStore = createMemoryRevocationStore();
  replicaA = await startTestGateway({ supergraphSdl, rules: gatewayRules, revocations: sharedStore });
  replicaB = await startTestGateway({ supergraphSdl, rules: gatewayRules, revocations: sharedStore });
});
afterAll(async () => {
  await replicaA?.server.close();
  await replicaB?.server.close();
  await users?.stop();
  await orders?.stop();
});

async function rawPost(gateway: TestGateway, query: string, headers: Record<string, string>) {
  const response = await fetch(gateway.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, text: await response.text() };
}

describe("revocations reported by the users subgraph", () => {
  it("end a logged-out session at once, on every replica, and never reach the client", async () => {
    const session = bearer("CUSTOMER", { sessionId: "session-logout" });
    expect((await replicaB.post("{ me { id } }", session)).status).toBe(200);

    // The fixture uses the refresh token as the session id.
    const logout = await rawPost(replicaA, 'mutation { logout(refreshToken: "session-logout") }', session);
    expect(logout.status).toBe(200);
    expect(JSON.parse(logout.text)).toEqual({ data: { logout: true } });
    expect(logout.text).not.toContain("logicoreRevocations");
    expect(logout.text).not.toContain("extensions");
    expect(replicaA.logs).toContainEqual(
      expect.objectContaining({ msg: "revocations recorded", serviceName: "users", revocations: 1 }),
    );

    const before = users.received.length;
    for (const replica of [replicaA, replicaB]) {
      const response = await replica.post("{ me { id } }", session);
      expect(response.status).toBe(401);
      expect(response.body.errors?.[0]?.extensions).toEqual({ code: "UNAUTHENTICATED", reason: "revoked" });
    }
    expect(users.received.length).toBe(before);
  });

  it("end every session of a user after revokeAllSessions, and only theirs", async () => {
    const userId = userIds.otherCustomer;
    const sessions = ["phone", "laptop"].map((sessionId) => bearer("CUSTOMER", { userId, sessionId }));
    const response = await replicaA.post(
      `mutation { revokeAllSessions(userId: "${userId}") }`,
      sessions[0] ?? {},
    );
    expect(response.body).toEqual({ data: { revokeAllSessions: true } });

    for (const session of sessions) expect((await replicaB.post("{ me { id } }", session)).status).toBe(401);
    const someoneElse = bearer("CUSTOMER", { userId: userIds.customer, sessionId: "unrelated" });
    expect((await replicaB.post("{ me { id } }", someoneElse)).status).toBe(200);
  });

  it("fail the operation when the store cannot record them, so the client tries again", async () => {
    const brokenStore: RevocationStore = {
      revoke: async () => {
        throw new Error("connect ECONNREFUSED 10.0.0.5:6379");
      },
      isRevoked: async () => false,
      close: async () => {},
    };
    const gateway = await startTestGateway({
      supergraphSdl: composeFixtures([users, orders]),
      rules: gatewayRules,
      revocations: brokenStore,
    });
    try {
      const response = await gateway.post(
        'mutation { logout(refreshToken: "session-x") }',
        bearer("CUSTOMER", { sessionId: "session-x" }),
      );
      expect(response.body.data).toBeNull();
      expect(response.body.errors?.map((error) => error.extensions)).toEqual([
        { code: "SUBGRAPH_UNAVAILABLE", serviceName: "users" },
      ]);
      expect(JSON.stringify(response.body)).not.toContain("ECONNREFUSED");
    } finally {
      await gateway.server.close();
    }
  });
});
