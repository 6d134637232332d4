import { readFileSync } from "node:fs";
import { getIntrospectionQuery } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS, type GraphQLResponse, postGraphQL, startStack, type TestStack } from "./support/stack.js";

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack({ seed: true });
});
afterAll(async () => {
  await stack?.close();
});

const subgraphCallCount = () => stack.subgraphCalls.users.length + stack.subgraphCalls.orders.length;

/** Posts (as the stack's ADMIN unless `headers` say otherwise) and counts the subgraph calls it caused. */
async function ask(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) {
  const before = subgraphCallCount();
  const response = await stack.graphql(query, variables, headers);
  return { ...response, subgraphCalls: subgraphCallCount() - before };
}

function expectAnswered(response: GraphQLResponse) {
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  expect(response.status).toBe(200);
}

function expectRefused(
  response: GraphQLResponse & { subgraphCalls: number },
  extensions: { limit: string; max: number; measured?: number },
) {
  expect(response.status).toBe(400);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors?.[0]?.extensions).toEqual({ code: "OPERATION_LIMIT_EXCEEDED", ...extensions });
  expect(response.body.errors?.[0]?.message).toContain(extensions.limit);
  expect(response.subgraphCalls).toBe(0);
}

describe("the default operation limits", () => {
  it("let the README's sign-in and first query through", async () => {
    const [signIn = "", firstLook = ""] = [
      ...readFileSync(new URL("../README.md", import.meta.url), "utf8").matchAll(
        /```graphql\n([\s\S]*?)```/g,
      ),
    ].map((match) => match[1] ?? "");
    expect(firstLook).toContain("query FirstLook");
    // The stack seeds its development users with a password of its own.
    const session = await postGraphQL(
      stack.gatewayUrl,
      signIn.replace("ChangeMe-Admin-1", "Seed-Password-1"),
    );
    expectAnswered(session);
    const token = (session.body.data?.login as { accessToken: string } | undefined)?.accessToken;
    expect(token).toBeTypeOf("string");
    const response = await ask(firstLook, {}, { authorization: `Bearer ${token}` });
    expectAnswered(response);
    expect(response.subgraphCalls).toBeGreaterThan(0);
  });

  it("let the test suites' most expensive query through (cost 8501)", async () => {
    expectAnswered(
      await ask(
        "{ users(first: 100) { edges { node { id email orders { totalCount edges { node { number } } } } } } }",
      ),
    );
  });

  it("let Apollo Sandbox introspect in development", async () => {
    const response = await ask(
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      }),
    );
    expectAnswered(response);
    expect(response.body.data?.__schema).toMatchObject({ queryType: { name: "Query" } });
  });

  /** me → orders → edges → node → customer → orders → ..., exactly `depth` levels with its leaf. */
  const nested = (depth: number) => {
    const cycle = ["orders(first: 1)", "edges", "node", "customer"];
    const path = ["me"];
    while (path.length < depth - 1) path.push(cycle[(path.length - 1) % cycle.length] as string);
    const leaves: Record<string, string> = {
      "orders(first: 1)": "totalCount",
      edges: "cursor",
      node: "number",
    };
    const leaf = leaves[path.at(-1) as string] ?? "id";
    return `{ ${path.map((field) => `${field} { `).join("")}${leaf}${" }".repeat(path.length)} }`;
  };

  it("answer a query 12 levels deep across both subgraphs and refuse 13 before calling either", async () => {
    expectAnswered(await ask(nested(12)));
    expectRefused(await ask(nested(13)), { limit: "maxDepth", max: 12, measured: 13 });
  });

  // users 1 + 100 * (edges 1 + node 1 + orders (1 + first * (edges 1 + node 1 + number 1))) = 301 + 300 * first
  const ordersOfEveryUser =
    "query ($first: Int) { users(first: 100) { edges { node { orders(first: $first) { edges { node { number } } } } } } }";

  it("price `first` from variables: 82 orders per user cost 24901 and are answered, 83 cost 25201", async () => {
    expectAnswered(await ask(ordersOfEveryUser, { first: 82 }));
    expectRefused(await ask(ordersOfEveryUser, { first: 83 }), {
      limit: "maxCost",
      max: 25_000,
      measured: 25_201,
    });
  });

  it("price `first` from literals the same way", async () => {
    const literal = (first: number) =>
      ordersOfEveryUser.replace("query ($first: Int) ", "").replace("$first", String(first));
    expectAnswered(await ask(literal(82)));
    expectRefused(await ask(literal(83)), { limit: "maxCost", max: 25_000, measured: 25_201 });
  });

  it("refuse an anonymous caller's over-limit operation as over the limit, before authorization", async () => {
    const response = await ask(ordersOfEveryUser, { first: 100 }, ANONYMOUS);
    expectRefused(response, { limit: "maxCost", max: 25_000, measured: 30_301 });
  });
});
