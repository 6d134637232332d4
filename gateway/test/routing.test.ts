import { ConfigError } from "@logicore/service";
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
import { bearer } from "./identityFixtures.js";

let accounts: FixtureSubgraph;
let catalog: FixtureSubgraph;
let gateway: TestGateway;
let production: TestGateway;

beforeAll(async () => {
  accounts = await startFixtureSubgraph("accounts", accountsSdl, accountsResolvers);
  catalog = await startFixtureSubgraph("catalog", catalogSdl, catalogResolvers);
  const supergraphSdl = composeFixtures([accounts, catalog]);
  gateway = await startTestGateway({ supergraphSdl });
  production = await startTestGateway({ supergraphSdl, mode: "production" });
});
afterAll(async () => {
  await gateway?.server.close();
  await production?.server.close();
  await accounts?.stop();
  await catalog?.stop();
});

const lastHeaders = (subgraph: FixtureSubgraph) => subgraph.received.at(-1) ?? {};

describe("the gateway routes a query", () => {
  it("to every subgraph it needs and merges the answers", async () => {
    const response = await gateway.post('{ account(id: "7") { id name } products { sku title } }');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: { account: { id: "7", name: "Account 7" }, products: [{ sku: "P-1", title: "Pallet" }] },
    });
  });

  it("to the URL of a <NAME>_SUBGRAPH_URL override rather than the supergraph's", async () => {
    // Port 9 (discard) refuses connections: answering at all proves the override was used.
    const supergraphSdl = composeFixtures([{ ...accounts, url: "http://127.0.0.1:9/graphql" }, catalog]);
    const overridden = await startTestGateway({
      supergraphSdl,
      subgraphUrlOverrides: { ACCOUNTS: accounts.url },
    });
    try {
      const response = await overridden.post('{ account(id: "1") { name } }');
      expect(response.body).toEqual({ data: { account: { name: "Account 1" } } });
    } finally {
      await overridden.server.close();
    }
  });

  it("refuses to start with an override naming no subgraph of the supergraph", async () => {
    const supergraphSdl = composeFixtures([accounts, catalog]);
    const start = startTestGateway({ supergraphSdl, subgraphUrlOverrides: { acounts: accounts.url } });
    await expect(start).rejects.toThrow(ConfigError);
    await expect(start).rejects.toThrow(/ACOUNTS_SUBGRAPH_URL names no subgraph .*accounts, catalog/);
  });
});

describe("request ids", () => {
  it("returns the caller's x-request-id and forwards it to the subgraph", async () => {
    const response = await gateway.post('{ account(id: "1") { id } }', { "x-request-id": "trace-abc-123" });
    expect(response.headers.get("x-request-id")).toBe("trace-abc-123");
    expect(lastHeaders(accounts)["x-request-id"]).toBe("trace-abc-123");
  });

  it("makes one up when the caller sent none, and uses the same one downstream", async () => {
    const response = await gateway.post('{ account(id: "1") { id } }');
    const requestId = response.headers.get("x-request-id");
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(lastHeaders(accounts)["x-request-id"]).toBe(requestId);
  });
});

describe("identity headers", () => {
  it("forwards a verified token's authorization header as received", async () => {
    const { authorization } = bearer("CUSTOMER");
    const response = await gateway.post('{ account(id: "1") { id } }', { authorization });
    expect(response.body.errors).toBeUndefined();
    expect(lastHeaders(accounts).authorization).toBe(authorization);
  });

  it.each([
    ["development", () => gateway],
    ["production", () => production],
  ])(
    "never forwards the old development user header (%s): identity comes from tokens only",
    async (_mode, target) => {
      const response = await target().post('{ account(id: "1") { id } }', {
        "x-logicore-dev-user-id": "0a000000-0000-4000-8000-000000000001",
      });
      expect(response.body.errors).toBeUndefined();
      expect(lastHeaders(accounts)["x-logicore-dev-user-id"]).toBeUndefined();
      expect(lastHeaders(accounts).authorization).toBeUndefined();
    },
  );

  it("sets x-forwarded-for to the address it saw, whatever the client claimed", async () => {
    await gateway.post('{ account(id: "1") { id } }', { "x-forwarded-for": "203.0.113.9" });
    expect(lastHeaders(accounts)["x-forwarded-for"]).toBe("127.0.0.1");
  });
});
