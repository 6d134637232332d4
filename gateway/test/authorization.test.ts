import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatewayRules } from "../src/index.js";
import { composeFixtures, type FixtureSubgraph, startTestGateway, type TestGateway } from "./fixtures.js";
import { bearer, startOrdersFixture, startUsersFixture, userIds } from "./identityFixtures.js";

let users: FixtureSubgraph;
let orders: FixtureSubgraph;
let gateway: TestGateway;

beforeAll(async () => {
  users = await startUsersFixture();
  orders = await startOrdersFixture();
  gateway = await startTestGateway({ supergraphSdl: composeFixtures([users, orders]), rules: gatewayRules });
});
afterAll(async () => {
  await gateway?.server.close();
  await users?.stop();
  await orders?.stop();
});

const fetches = () => users.received.length + orders.received.length;

/** Posts and also reports how many subgraph calls the request caused. */
async function ask(query: string, headers: Record<string, string> = {}, variables?: Record<string, unknown>) {
  const before = fetches();
  const response = await gateway.post(query, headers, variables);
  return { ...response, subgraphCalls: fetches() - before };
}

const customer = bearer("CUSTOMER", { userId: userIds.customer });
const admin = bearer("ADMIN", { userId: userIds.admin });

describe("an anonymous caller", () => {
  it("asking for a protected field gets 401 UNAUTHENTICATED and no subgraph is called", async () => {
    const response = await ask("{ me { id email } }");
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="logicore"');
    expect(response.body).toEqual({
      errors: [
        {
          message: "Authentication is required",
          locations: [{ line: 1, column: 3 }],
          extensions: { code: "UNAUTHENTICATED" },
        },
      ],
    });
    expect(response.subgraphCalls).toBe(0);
  });

  it("may use the public operations, and __typename", async () => {
    const response = await ask(
      'mutation { login(email: "a@b.c", password: "pw") { expiresIn user { id } } __typename }',
    );
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  });

  it("cannot reach a protected field nested under a public one, not even through a named fragment", async () => {
    const response = await ask(`
      mutation SignIn { login(email: "a@b.c", password: "pw") { user { ...WithOrders } } }
      fragment WithOrders on User { id orders { totalCount } }
    `);
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    // The public mutation did not run either: the operation is refused as a whole.
    expect(response.subgraphCalls).toBe(0);
  });

  it("may introspect in development: the introspection setting governs that, not the rules", async () => {
    const response = await ask('{ __schema { queryType { name } } __type(name: "User") { name } }');
    expect(response.body).toEqual({
      data: { __schema: { queryType: { name: "Query" } }, __type: { name: "User" } },
    });
  });
});

describe("a signed-in CUSTOMER", () => {
  it("asking for users gets 403 FORBIDDEN naming the missing permission, and no subgraph is called", async () => {
    const response = await ask("{ users { totalCount } }", customer);
    expect(response.status).toBe(403);
    expect(response.body.errors).toEqual([
      {
        message: "requires permission users:read",
        locations: [{ line: 1, column: 3 }],
        extensions: { code: "FORBIDDEN" },
      },
    ]);
    expect(response.subgraphCalls).toBe(0);
  });

  it("loses the whole operation, allowed fields included, for one forbidden field", async () => {
    const response = await ask("{ me { id } users { totalCount } }", customer);
    expect(response.status).toBe(403);
    expect(response.body.data).toBeUndefined();
    expect(response.subgraphCalls).toBe(0);
  });

  it.each([
    [
      "a named fragment inside a named fragment",
      `query Sneaky { me { id } ...Outer }
       fragment Outer on Query { me { name } ...Inner }
       fragment Inner on Query { list: users(first: 1) { totalCount } }`,
    ],
    ["an inline fragment", "{ me { id } ... on Query { ... @include(if: true) { users { totalCount } } } }"],
    ["an alias", "{ me { id } everyone: users { totalCount } }"],
    [
      "a skipped selection",
      "query($no: Boolean = false) { me { id } users @include(if: $no) { totalCount } }",
    ],
  ])("cannot hide a forbidden field in %s", async (_case, query) => {
    const response = await ask(query, customer);
    expect(response.status).toBe(403);
    expect(response.body.errors?.[0]?.message).toBe("requires permission users:read");
    expect(response.subgraphCalls).toBe(0);
  });

  it("reads their own user with their orders", async () => {
    const response = await ask('{ me { id orders { totalCount } } order(id: "1") { number } }', customer);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      data: { me: { id: userIds.customer, orders: { totalCount: 1 } }, order: { number: "ORD-000001" } },
    });
  });

  describe("updating a user (users:write, or their own id)", () => {
    const update = 'mutation Rename($id: ID!) { updateUser(id: $id, input: { name: "New" }) { name } }';

    it("may update themselves, the id coming from a variable", async () => {
      const response = await ask(update, customer, { id: userIds.customer.toUpperCase() });
      expect(response.status).toBe(200);
      expect(response.body.data).toEqual({ updateUser: { name: "New" } });
    });

    it("may not update anyone else with the very same document", async () => {
      const response = await ask(update, customer, { id: userIds.otherCustomer });
      expect(response.status).toBe(403);
      expect(response.body.errors?.[0]?.message).toBe("requires permission users:write");
      expect(response.subgraphCalls).toBe(0);
    });

    it("gets the argument checked as written in the document too", async () => {
      const response = await ask(
        `mutation { updateUser(id: "${userIds.otherCustomer}", input: { name: "New" }) { name } }`,
        customer,
      );
      expect(response.status).toBe(403);
      expect(response.subgraphCalls).toBe(0);
    });

    it("is refused with 400 when the variables cannot be coerced, before anything is checked or fetched", async () => {
      const response = await ask(update, customer, { id: { not: "an id" } });
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(response.subgraphCalls).toBe(0);
    });
  });
});

describe("an ADMIN", () => {
  it("reads users and orders across both subgraphs", async () => {
    const response = await ask(
      "{ users { totalCount edges { node { email } } } orders { totalCount } }",
      admin,
    );
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data).toMatchObject({ users: { totalCount: 2 }, orders: { totalCount: 2 } });
    expect(response.subgraphCalls).toBe(2);
  });

  it("may update anyone", async () => {
    const response = await ask(
      `mutation { updateUser(id: "${userIds.otherCustomer}", input: {}) { id } }`,
      admin,
    );
    expect(response.body).toEqual({ data: { updateUser: { id: userIds.otherCustomer } } });
  });
});

describe("a field without a rule", () => {
  it("is denied to everyone, however privileged", async () => {
    const { me: _me, ...queryRules } = gatewayRules.Query ?? {};
    const strict = await startTestGateway({
      supergraphSdl: composeFixtures([users, orders]),
      rules: { ...gatewayRules, Query: queryRules },
    });
    try {
      const before = fetches();
      const asAdmin = await strict.post("{ me { id } }", admin);
      expect(asAdmin.status).toBe(403);
      expect(asAdmin.body.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      const anonymous = await strict.post("{ me { id } }");
      expect(anonymous.status).toBe(401);
      expect(fetches()).toBe(before);
    } finally {
      await strict.server.close();
    }
  });
});
