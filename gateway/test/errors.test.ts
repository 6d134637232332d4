import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accountsResolvers,
  accountsSdl,
  catalogResolvers,
  catalogSdl,
  composeFixtures,
  type FixtureSubgraph,
  startFixtureSubgraph,
  startTestGateway,
  type TestGateway,
} from "./fixtures.js";

let accounts: FixtureSubgraph;
let catalog: FixtureSubgraph;
let gateway: TestGateway;

beforeAll(async () => {
  accounts = await startFixtureSubgraph("accounts", accountsSdl, accountsResolvers);
  catalog = await startFixtureSubgraph("catalog", catalogSdl, catalogResolvers);
  gateway = await startTestGateway({ supergraphSdl: composeFixtures([accounts, catalog]) });
});
afterAll(async () => {
  await gateway?.server.close();
  await accounts?.stop();
  await catalog?.stop();
});

/** Nothing about how a service is built may reach a client. */
function expectNoInternals(body: unknown, ...secrets: string[]): void {
  const text = JSON.stringify(body);
  for (const leak of [
    "stacktrace",
    "exception",
    "    at ",
    "node_modules",
    "/work/",
    "127.0.0.1",
    ...secrets,
  ]) {
    expect(text).not.toContain(leak);
  }
}

describe("a subgraph's own errors", () => {
  it("reach the client with their code and field, plus the subgraph's name, and no stack trace", async () => {
    const response = await gateway.post('{ account(id: "not-a-number") { id } }');
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ account: null });
    expect(response.body.errors).toEqual([
      {
        message: "id must be numeric",
        path: ["account"],
        extensions: { code: "BAD_USER_INPUT", field: "id", serviceName: "accounts" },
      },
    ]);
    expectNoInternals(response.body);
  });

  it("lose the `exception` extension older subgraphs send", async () => {
    const response = await gateway.post("{ legacyAccount { id } }");
    expect(response.body.errors?.map((error) => error.extensions)).toEqual([
      { code: "NOT_FOUND", serviceName: "accounts" },
    ]);
    expectNoInternals(response.body, "/srv/");
  });

  it("become INTERNAL_SERVER_ERROR when unexpected, logged with the original message and stack", async () => {
    const response = await gateway.post("{ brokenAccount { id } }");
    expect(response.body.errors).toEqual([
      {
        message: "Internal server error",
        path: ["brokenAccount"],
        extensions: { code: "INTERNAL_SERVER_ERROR", serviceName: "accounts" },
      },
    ]);
    expectNoInternals(response.body, "SELECT", "relation");
    const logged = gateway.logs.find((line) => line.msg === "internal error hidden from the client");
    expect(JSON.stringify(logged)).toContain("SELECT * FROM accounts");
    expect(JSON.stringify(logged)).toContain("    at ");
  });
});

describe("a subgraph that cannot answer", () => {
  it("gives SUBGRAPH_UNAVAILABLE for its fields while the other subgraphs' data still arrives", async () => {
    const alsoCatalog = await startFixtureSubgraph("catalog", catalogSdl, catalogResolvers);
    const partial = await startTestGateway({ supergraphSdl: composeFixtures([accounts, alsoCatalog]) });
    try {
      await alsoCatalog.stop();
      const response = await partial.post('{ account(id: "3") { name } products { sku } }');
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({ account: { name: "Account 3" }, products: null });
      expect(response.body.errors).toEqual([
        {
          message: "The catalog service is unavailable",
          extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: "catalog" },
        },
      ]);
      expectNoInternals(response.body, "ECONNREFUSED", new URL(alsoCatalog.url).port);
      expect(partial.logs).toContainEqual(
        expect.objectContaining({ msg: "subgraph call failed", serviceName: "catalog", level: 40 }),
      );
    } finally {
      await partial.server.close();
    }
  });

  describe("because it answers with something other than GraphQL", () => {
    let broken: Server;
    let reply: { status: number; contentType: string; body: string };
    let brokenGateway: TestGateway;

    beforeAll(async () => {
      broken = createServer((_request, response) => {
        response.writeHead(reply.status, { "content-type": reply.contentType }).end(reply.body);
      });
      await new Promise<void>((resolve) => broken.listen(0, "127.0.0.1", resolve));
      const { port } = broken.address() as AddressInfo;
      brokenGateway = await startTestGateway({
        supergraphSdl: composeFixtures([accounts, catalog]),
        subgraphUrlOverrides: { catalog: `http://127.0.0.1:${port}/graphql` },
        // Every case here fails on purpose: the circuit would open and hide the later answers.
        resilience: { breaker: { volumeThreshold: 1_000 } },
      });
    });
    afterAll(async () => {
      await brokenGateway?.server.close();
      await new Promise((resolve) => broken?.close(resolve));
    });

    it.each([
      ["a 502 from a proxy", { status: 502, contentType: "text/html", body: "<h1>502 Bad Gateway</h1>" }],
      ["a 500 with a GraphQL body", { status: 500, contentType: "application/json", body: '{"errors":[]}' }],
      ["invalid JSON", { status: 200, contentType: "application/json", body: '{"data": {"oops' }],
      ["HTML with status 200", { status: 200, contentType: "text/html", body: "<html>maintenance</html>" }],
    ])("%s gives SUBGRAPH_UNAVAILABLE and keeps the other data", async (_case, answer) => {
      reply = answer;
      const response = await brokenGateway.post('{ account(id: "5") { id } products { sku } }');
      expect(response.body.data).toEqual({ account: { id: "5" }, products: null });
      expect(response.body.errors?.map((error) => error.extensions)).toEqual([
        { code: "SUBGRAPH_UNAVAILABLE", serviceName: "catalog" },
      ]);
      expectNoInternals(response.body, "Bad Gateway", "maintenance", "JSON", "oops");
    });

    it.each([
      [401, "UNAUTHENTICATED"],
      [403, "FORBIDDEN"],
    ])("HTTP %i keeps its meaning as %s", async (status, code) => {
      reply = { status, contentType: "text/plain", body: "no" };
      const response = await brokenGateway.post("{ products { sku } }");
      expect(response.body.errors?.map((error) => error.extensions)).toEqual([
        { code, serviceName: "catalog" },
      ]);
      expectNoInternals(response.body);
    });
  });
});
