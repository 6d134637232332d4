import { allow } from "@logicore/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { composeFixtures, type FixtureSubgraph, startTestGateway, type TestGateway } from "./fixtures.js";
import { bearer, startUsersFixture, userIds } from "./identityFixtures.js";

let users: FixtureSubgraph;
let gateway: TestGateway;
beforeAll(async () => {
  users = await startUsersFixture();
  gateway = await startTestGateway({
    supergraphSdl: composeFixtures([users]),
    rules: { Query: { "*": allow }, User: { "*": allow } },
  });
});
afterAll(async () => {
  await gateway?.server.close();
  await users?.stop();
});

const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
const clientParentId = "00f067aa0ba902b7";
const lastTraceparent = () => users.received.at(-1)?.traceparent;

describe("traceparent", () => {
  it("keeps the client's trace id and gives the subgraph fetch a parent id of its own", async () => {
    await gateway.post("query Me { me { id } }", { traceparent: `00-${traceId}-${clientParentId}-01` });
    const forwarded = lastTraceparent();
    expect(forwarded).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(forwarded).not.toContain(clientParentId);
  });

  it("starts a new sampled trace when the client sent none or a malformed one", async () => {
    for (const headers of [{}, { traceparent: `00-${traceId.toUpperCase()}-${clientParentId}-01` }]) {
      await gateway.post("query Me { me { id } }", headers);
      const forwarded = lastTraceparent();
      expect(forwarded).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
      expect(forwarded).not.toContain(traceId);
    }
  });
});

describe("the operation log line", () => {
  it("carries the request id, operation, viewer id, status and subgraph calls, never the token", async () => {
    const { authorization } = bearer("CUSTOMER");
    const token = authorization.slice("Bearer ".length);
    const response = await gateway.post("query WhoAmI { me { id email } }", {
      authorization,
      "x-request-id": "req-observability-1",
    });
    expect(response.status).toBe(200);
    const line = gateway.logs.find(
      (entry) => entry.msg === "graphql operation" && entry.operationName === "WhoAmI",
    );
    expect(line).toMatchObject({
      requestId: "req-observability-1",
      operationName: "WhoAmI",
      operationType: "query",
      outcome: "success",
      status: 200,
      userId: userIds.customer,
      subgraphCalls: [{ subgraph: "users", outcome: "success", durationMs: expect.any(Number) }],
    });
    expect(line?.durationMs).toEqual(expect.any(Number));
    for (const entry of gateway.logs) expect(JSON.stringify(entry)).not.toContain(token);
  });

  it("says userId null for an anonymous caller", async () => {
    await gateway.post("query Anonymous { me { id } }", { "x-request-id": "req-observability-2" });
    const line = gateway.logs.find(
      (entry) => entry.requestId === "req-observability-2" && entry.msg === "graphql operation",
    );
    expect(line).toMatchObject({ operationName: "Anonymous", userId: null });
  });
});
