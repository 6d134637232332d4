import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SqlStatement, watchSql } from "./support/orders.js";
import { signedSubgraphRequest, startStack, type TestStack } from "./support/stack.js";
import { createUser } from "./support/users.js";

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.close());

const ENTITIES = "query ($r: [_Any!]!) { _entities(representations: $r) { ... on User { id email } } }";

describe("User entity references", () => {
  it("resolves N references from another subgraph with one SQL query", async () => {
    const users = [];
    for (let i = 0; i < 25; i += 1) users.push(await createUser(stack));
    const sql = watchSql(stack.users.prisma);

    /**
     * Exactly what the gateway sends when another subgraph's entities point at users, with the
     * caller's token (`_entities` requires a signed-in caller), and the User statements it cost.
     */
    const resolve = async (representations: Array<{ __typename: string; id: string }>) => {
      const mark = sql.mark();
      const response = await signedSubgraphRequest(
        stack,
        "users",
        ENTITIES,
        { r: representations },
        { headers: stack.admin.headers },
      );
      const statements = sql.since(mark);
      const userSelects = statements.filter(({ query }) => /FROM\s+"public"\."User"/i.test(query));
      // Authenticating the request loads the caller's session, then (its include) the caller's row.
      const isViewerRow = ({ query, params }: SqlStatement) =>
        /"public"\."User"\."id" = \$1 /.test(query) && params[0] === stack.admin.id;
      return {
        response,
        sessionSelects: statements.filter(({ query }) => /FROM\s+"public"\."Session"/i.test(query)),
        viewerSelects: userSelects.filter(isViewerRow),
        referenceSelects: userSelects.filter((statement) => !isViewerRow(statement)),
        userSelects,
      };
    };

    const many = await resolve([
      ...users.map((user) => ({ __typename: "User", id: user.id })),
      { __typename: "User", id: "00000000-0000-4000-8000-00000000000f" },
      { __typename: "User", id: "not-a-uuid" },
    ]);
    expect(many.response.body.errors).toBeUndefined();
    const entities = many.response.body.data?._entities as Array<{ id: string; email: string } | null>;
    expect(entities.slice(0, 25).map((entity) => entity?.email)).toEqual(users.map((user) => user.email));
    expect(entities.slice(25)).toEqual([null, null]);
    // One viewer lookup (Session, then the caller's User row), then all 26 UUIDs in one query.
    expect(many.sessionSelects).toHaveLength(1);
    expect(many.viewerSelects).toHaveLength(1);
    expect(many.referenceSelects).toHaveLength(1);
    expect(many.userSelects).toHaveLength(2);
    expect(many.referenceSelects[0]?.params).toEqual(
      expect.arrayContaining([...users.map((user) => user.id), "00000000-0000-4000-8000-00000000000f"]),
    );

    // One reference costs as many User statements as 27 do.
    const one = await resolve([{ __typename: "User", id: (users[0] as { id: string }).id }]);
    expect(one.response.body.errors).toBeUndefined();
    expect(one.userSelects).toHaveLength(many.userSelects.length);
    expect(one.referenceSelects).toHaveLength(1);
  });
});
