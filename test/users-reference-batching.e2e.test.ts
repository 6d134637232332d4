import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postGraphQL, startStack, type TestStack } from "./support/stack.js";
import { createUser } from "./support/users.js";

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

describe("User entity references", () => {
  it("resolves N references from another subgraph with one SQL query", async () => {
    const users = [];
    for (let i = 0; i < 25; i += 1) users.push(await createUser(stack));
    const statements: string[] = [];
    stack.users.prisma.$on("query", (event) => statements.push(event.query));

    // Exactly what the gateway sends when another subgraph's entities point at users.
    const representations = [
      ...users.map((user) => ({ __typename: "User", id: user.id })),
      { __typename: "User", id: "00000000-0000-4000-8000-00000000000f" },
      { __typename: "User", id: "not-a-uuid" },
    ];
    const response = await postGraphQL(
      stack.usersUrl,
      "query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id email } } }",
      { r: representations },
    );

    expect(response.body.errors).toBeUndefined();
    const entities = response.body.data?._entities as Array<{ id: string; email: string } | null>;
    expect(entities.slice(0, 25).map((entity) => entity?.email)).toEqual(users.map((user) => user.email));
    expect(entities.slice(25)).toEqual([null, null]);
    const userSelects = statements.filter((sql) => /FROM\s+"public"\."User"/i.test(sql));
    expect(userSelects).toHaveLength(1);
  });
});
