import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accountsResolvers,
  accountsSdl,
  composeFixtures,
  type FixtureSubgraph,
  startFixtureSubgraph,
  startTestGateway,
  type TestGateway,
} from "./fixtures.js";

let accounts: FixtureSubgraph;
let development: TestGateway;
let production: TestGateway;

beforeAll(async () => {
  accounts = await startFixtureSubgraph("accounts", accountsSdl, accountsResolvers);
  const supergraphSdl = composeFixtures([accounts]);
  development = await startTestGateway({ supergraphSdl, mode: "development" });
  production = await startTestGateway({ supergraphSdl, mode: "production" });
});
afterAll(async () => {
  await development?.server.close();
  await production?.server.close();
  await accounts?.stop();
});

const openInBrowser = async (gateway: TestGateway) => {
  const response = await fetch(gateway.url, { headers: { accept: "text/html" } });
  return { status: response.status, html: await response.text() };
};

const introspection = "{ __schema { queryType { name } } }";

describe("in development", () => {
  it("GET /graphql in a browser opens Apollo Sandbox", async () => {
    const page = await openInBrowser(development);
    expect(page.status).toBe(200);
    expect(page.html).toContain('<div id="embeddableSandbox">');
    expect(page.html).toContain("new window.EmbeddedSandbox(");
  });

  it("answers introspection", async () => {
    const response = await development.post(introspection);
    expect(response.body).toEqual({ data: { __schema: { queryType: { name: "Query" } } } });
  });

  it("refuses the introspection fields the gateway's planner cannot answer with a 400, not a 500", async () => {
    const response = await development.post("{ __schema { types { name isOneOf } } }");
    expect(response.status).toBe(400);
    expect(response.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(response.body.errors?.[0]?.message).toBe(
      "This gateway cannot answer __Type.isOneOf; leave it out of the introspection query.",
    );
  });
});

describe("in production", () => {
  it("GET /graphql in a browser shows the plain landing page, without Sandbox", async () => {
    const page = await openInBrowser(production);
    expect(page.status).toBe(200);
    expect(page.html).toContain("Welcome to Apollo Server");
    // The page's CSP names the Sandbox CDN in every mode; what matters is that nothing loads it.
    expect(page.html).not.toContain('<div id="embeddableSandbox">');
    expect(page.html).not.toContain("EmbeddedSandbox");
    expect(page.html).not.toMatch(/<script[^>]+embeddable-sandbox/);
  });

  it("refuses introspection", async () => {
    const response = await production.post(introspection);
    expect(response.status).toBe(400);
    expect(response.body.data).toBeUndefined();
    expect(response.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(response.body.errors?.[0]?.message).toMatch(/introspection is not allowed/);
  });

  it("does not suggest field names, which would reveal the schema piece by piece", async () => {
    const response = await production.post('{ acount(id: "1") { id } }');
    expect(response.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(response.body.errors?.[0]?.message).not.toContain("account");
  });
});
