import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstError, signedSubgraphRequest, startStack, type TestStack } from "./support/stack.js";

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

const leaks = [
  "SELECT",
  "prisma",
  "Prisma",
  "PGlite",
  "pglite",
  "pool",
  "stacktrace",
  "    at ",
  "node_modules",
  "/work/",
  "closed",
];

describe("when the users database fails", () => {
  it("the gateway answers SUBGRAPH_UNAVAILABLE for users, the subgraph a bare INTERNAL_SERVER_ERROR, neither leaks", async () => {
    const readyUrl = stack.usersUrl.replace("/graphql", "/health/ready");
    expect((await fetch(readyUrl)).status).toBe(200);

    // Pull the database out from under the running subgraph.
    await stack.database.database.close();

    const response = await stack.graphql("{ users(first: 5) { totalCount edges { node { email } } } }");
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ users: null });
    expect(response.body.errors?.[0]?.extensions).toEqual({
      code: "SUBGRAPH_UNAVAILABLE",
      serviceName: "users",
    });

    const direct = await signedSubgraphRequest(
      stack,
      "users",
      "{ users(first: 5) { totalCount } }",
      {},
      { headers: stack.admin.headers },
    );
    expect(firstError(direct)).toMatchObject({
      code: "INTERNAL_SERVER_ERROR",
      message: "Internal server error",
    });

    for (const body of [JSON.stringify(response.body), JSON.stringify(direct.body)]) {
      for (const leak of leaks) expect(body).not.toContain(leak);
    }
    expect((await fetch(readyUrl)).status).toBe(503);
  });
});
