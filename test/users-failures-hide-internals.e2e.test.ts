import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstError, startStack, type TestStack } from "./support/stack.js";

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

describe("when the users database fails", () => {
  it("answers INTERNAL_SERVER_ERROR with no SQL, stack or library detail, and turns unready", async () => {
    const ready = await fetch(stack.usersUrl.replace("/graphql", "/health/ready"));
    expect(ready.status).toBe(200);

    // Pull the database out from under the running subgraph.
    await stack.database.database.close();

    const response = await stack.graphql("{ users(first: 5) { totalCount edges { node { email } } } }");
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ users: null });
    expect(firstError(response).code).toBe("INTERNAL_SERVER_ERROR");
    const text = JSON.stringify(response.body);
    for (const leak of [
      "SELECT",
      "prisma",
      "Prisma",
      "pglite",
      "pool",
      "stacktrace",
      "    at ",
      "node_modules",
      "/work/",
    ]) {
      expect(text).not.toContain(leak);
    }

    const unready = await fetch(stack.usersUrl.replace("/graphql", "/health/ready"));
    expect(unready.status).toBe(503);
  });
});
