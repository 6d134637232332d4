import { createRequire } from "node:module";
import { forbidden } from "@logicore/errors";
import type { GraphQLError, GraphQLFieldResolver } from "graphql";
import { applyMiddleware } from "graphql-middleware";
import { or, shield } from "graphql-shield";
import { describe, expect, it } from "vitest";
import {
  type AuthContext,
  evaluateRule,
  hasPermission,
  hasRole,
  isAuthenticated,
  isSelf,
  isSelfOrAdmin,
  Permission,
  type ShieldRule,
} from "../src/index.js";
import { OTHER_USER_ID, USER_ID } from "./support/tokens.js";
import { anonymous, signedIn } from "./support/viewers.js";

async function outcome(rule: ShieldRule, context: AuthContext, args: Record<string, unknown> = {}) {
  const result = await evaluateRule(rule, args, context);
  if (result === true) return "allowed";
  return { code: result.extensions.code, message: result.message };
}

describe("isAuthenticated", () => {
  it("lets any signed-in viewer through and asks anonymous callers to sign in", async () => {
    expect(await outcome(isAuthenticated, signedIn("DRIVER"))).toBe("allowed");
    expect(await outcome(isAuthenticated, anonymous())).toEqual({
      code: "UNAUTHENTICATED",
      message: "Authentication is required",
    });
  });
});

describe("hasRole", () => {
  it("passes for any of the listed roles and names them when it fails", async () => {
    const staff = hasRole("ADMIN", "MANAGER");
    expect(await outcome(staff, signedIn("MANAGER"))).toBe("allowed");
    expect(await outcome(staff, signedIn("DISPATCHER"))).toEqual({
      code: "FORBIDDEN",
      message: "requires role ADMIN or MANAGER",
    });
    expect(await outcome(staff, anonymous())).toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("needs at least one role", () => {
    expect(() => hasRole()).toThrow(TypeError);
  });
});

describe("hasPermission", () => {
  it("follows the viewer's permissions and names the missing one", async () => {
    const write = hasPermission(Permission.USERS_WRITE);
    expect(await outcome(write, signedIn("ADMIN"))).toBe("allowed");
    expect(await outcome(write, signedIn("DISPATCHER"))).toEqual({
      code: "FORBIDDEN",
      message: "requires permission users:write",
    });
    expect(await outcome(write, anonymous())).toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("isSelf and isSelfOrAdmin", () => {
  it("isSelf passes only when the argument is the viewer's id, in any case", async () => {
    const self = isSelf("id");
    expect(await outcome(self, signedIn("CUSTOMER"), { id: USER_ID.toUpperCase() })).toBe("allowed");
    expect(await outcome(self, signedIn("CUSTOMER"), { id: OTHER_USER_ID })).toEqual({
      code: "FORBIDDEN",
      message: "requires id to be your own user id",
    });
    expect(await outcome(self, signedIn("ADMIN"), { id: OTHER_USER_ID })).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await outcome(self, signedIn("CUSTOMER"), {})).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(self, anonymous(), { id: USER_ID })).toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("isSelfOrAdmin also lets ADMIN act for anyone, and no other role", async () => {
    const rule = isSelfOrAdmin("userId");
    expect(await outcome(rule, signedIn("CUSTOMER"), { userId: USER_ID })).toBe("allowed");
    expect(await outcome(rule, signedIn("ADMIN"), { userId: OTHER_USER_ID })).toBe("allowed");
    expect(await outcome(rule, signedIn("MANAGER"), { userId: OTHER_USER_ID })).toEqual({
      code: "FORBIDDEN",
      message: "requires userId to be your own user id, or role ADMIN",
    });
    expect(await outcome(rule, anonymous(), { userId: USER_ID })).toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

// graphql ships an ESM and a CJS build. Vitest gives this file the ESM one, while graphql-shield and
// graphql-middleware, loaded by Node, get the CJS one; a schema from the wrong one fails their
// instanceof checks. Building it with theirs keeps one realm, as in the running services.
const { buildSchema, execute, parse }: typeof import("graphql") = createRequire(import.meta.url)("graphql");

describe("the rules inside graphql-shield, as the subgraphs use them", () => {
  const schema = buildSchema("type Query { me: String, user(id: ID!): String, users: [String!] }");
  const resolvers: Record<string, GraphQLFieldResolver<unknown, AuthContext>> = {
    me: (_parent, _args, context) => context.viewer?.id ?? null,
    user: (_parent, args: { id: string }) => args.id,
    users: () => [USER_ID, OTHER_USER_ID],
  };
  for (const [name, field] of Object.entries(schema.getQueryType()?.getFields() ?? {})) {
    const resolve = resolvers[name];
    if (resolve) field.resolve = resolve;
  }
  const permissions = shield(
    {
      Query: {
        me: isAuthenticated,
        user: or(hasPermission(Permission.USERS_READ), isSelf("id")),
        users: hasPermission(Permission.USERS_READ),
      },
    },
    { allowExternalErrors: true, fallbackError: forbidden() },
  );
  const protectedSchema = applyMiddleware(schema, permissions);

  async function run(query: string, context: AuthContext) {
    const result = await execute({ schema: protectedSchema, document: parse(query), contextValue: context });
    return {
      data: result.data,
      codes: Object.fromEntries(
        (result.errors ?? []).map((error: GraphQLError) => [error.path?.join("."), error.extensions.code]),
      ),
    };
  }

  it("answers what the viewer may see and codes the rest", async () => {
    const query = `{ me users self: user(id: "${USER_ID}") other: user(id: "${OTHER_USER_ID}") }`;
    expect(await run(query, signedIn("CUSTOMER"))).toEqual({
      data: { me: USER_ID, users: null, self: USER_ID, other: null },
      codes: { users: "FORBIDDEN", other: "FORBIDDEN" },
    });
    expect(await run(query, signedIn("DISPATCHER"))).toEqual({
      data: { me: USER_ID, users: [USER_ID, OTHER_USER_ID], self: USER_ID, other: OTHER_USER_ID },
      codes: {},
    });
    expect(await run(query, anonymous())).toEqual({
      data: { me: null, users: null, self: null, other: null },
      codes: {
        me: "UNAUTHENTICATED",
        users: "UNAUTHENTICATED",
        self: "UNAUTHENTICATED",
        other: "UNAUTHENTICATED",
      },
    });
  });
});
