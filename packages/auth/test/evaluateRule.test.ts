import { createRequire } from "node:module";
import { GraphQLError } from "graphql";
import { allow, and, chain, deny, not, or, race, rule } from "graphql-shield";
import { describe, expect, it } from "vitest";
import {
  type AuthContext,
  evaluateRule,
  hasPermission,
  hasRole,
  isAuthenticated,
  isSelf,
  Permission,
  type ShieldRule,
} from "../src/index.js";
import { OTHER_USER_ID, USER_ID } from "./support/tokens.js";
import { anonymous, signedIn } from "./support/viewers.js";

async function outcome(shieldRule: ShieldRule, context: AuthContext, args: Record<string, unknown> = {}) {
  const result = await evaluateRule(shieldRule, args, context);
  if (result === true) return "allowed";
  expect(result).toBeInstanceOf(GraphQLError);
  return { code: result.extensions.code, message: result.message };
}

const { USERS_READ, USERS_WRITE } = Permission;

describe("evaluateRule", () => {
  it("evaluates allow and deny, coding a bare denial by who is asking", async () => {
    expect(await outcome(allow, anonymous())).toBe("allowed");
    expect(await outcome(deny, signedIn("ADMIN"))).toEqual({
      code: "FORBIDDEN",
      message: "You are not allowed to do this",
    });
    expect(await outcome(deny, anonymous())).toEqual({
      code: "UNAUTHENTICATED",
      message: "Authentication is required",
    });
  });

  it("evaluates and: every rule must pass, and the first failure is reported", async () => {
    const rule = and(isAuthenticated, hasPermission(USERS_WRITE));
    expect(await outcome(rule, signedIn("MANAGER"))).toBe("allowed");
    expect(await outcome(rule, signedIn("DISPATCHER"))).toEqual({
      code: "FORBIDDEN",
      message: "requires permission users:write",
    });
    expect(await outcome(rule, anonymous())).toMatchObject({ code: "UNAUTHENTICATED" });
  });

  it("evaluates or: one passing rule is enough", async () => {
    const rule = or(hasPermission(USERS_READ), isSelf("id"));
    expect(await outcome(rule, signedIn("CUSTOMER"), { id: USER_ID })).toBe("allowed");
    expect(await outcome(rule, signedIn("DISPATCHER"), { id: OTHER_USER_ID })).toBe("allowed");
    expect(await outcome(rule, signedIn("CUSTOMER"), { id: OTHER_USER_ID })).toEqual({
      code: "FORBIDDEN",
      message: "requires permission users:read",
    });
  });

  it("evaluates nested compositions, chain and race", async () => {
    const nested = or(hasRole("ADMIN"), and(hasPermission(USERS_READ), isSelf("id")));
    expect(await outcome(nested, signedIn("ADMIN"), { id: OTHER_USER_ID })).toBe("allowed");
    expect(await outcome(nested, signedIn("DISPATCHER"), { id: USER_ID })).toBe("allowed");
    expect(await outcome(nested, signedIn("DISPATCHER"), { id: OTHER_USER_ID })).toMatchObject({
      code: "FORBIDDEN",
    });

    expect(await outcome(chain(isAuthenticated, hasRole("DRIVER")), signedIn("DRIVER"))).toBe("allowed");
    expect(await outcome(chain(isAuthenticated, hasRole("DRIVER")), anonymous())).toMatchObject({
      code: "UNAUTHENTICATED",
    });
    expect(await outcome(race(hasRole("ADMIN"), hasRole("DRIVER")), signedIn("DRIVER"))).toBe("allowed");
    expect(await outcome(race(hasRole("ADMIN"), hasRole("DRIVER")), signedIn("CUSTOMER"))).toMatchObject({
      code: "FORBIDDEN",
    });
  });

  it("evaluates not, with its own message", async () => {
    const guestsOnly = not(isAuthenticated, "already signed in");
    expect(await outcome(guestsOnly, anonymous())).toBe("allowed");
    expect(await outcome(guestsOnly, signedIn("CUSTOMER"))).toEqual({
      code: "FORBIDDEN",
      message: "already signed in",
    });
  });

  it("keeps the code of a GraphQLError from graphql's other build", async () => {
    const cjsGraphQL: typeof import("graphql") = createRequire(import.meta.url)("graphql");
    const limited = rule()(
      () => new cjsGraphQL.GraphQLError("slow down", { extensions: { code: "RATE_LIMITED", retryAfter: 3 } }),
    );
    const result = await evaluateRule(limited, {}, signedIn("ADMIN"));
    expect(result).toBeInstanceOf(GraphQLError);
    expect(result === true ? null : [result.message, result.extensions]).toEqual([
      "slow down",
      { code: "RATE_LIMITED", retryAfter: 3 },
    ]);
  });

  it("denies, without rejecting, when a rule throws", async () => {
    const broken = rule()(() => {
      throw new Error("database exploded");
    });
    expect(await outcome(broken, signedIn("ADMIN"))).toEqual({
      code: "FORBIDDEN",
      message: "You are not allowed to do this",
    });
  });

  it("shares the contextual cache across calls for one context, without writing to it", async () => {
    let calls = 0;
    const counted = rule({ cache: "contextual" })(() => {
      calls += 1;
      return true;
    });
    const context = signedIn("CUSTOMER");
    await evaluateRule(counted, {}, context);
    await evaluateRule(and(counted, isAuthenticated), {}, context);
    expect(calls).toBe(1);
    await evaluateRule(counted, {}, signedIn("CUSTOMER"));
    expect(calls).toBe(2);
    expect(Object.keys(context)).toEqual(["viewer"]);
  });

  it("keeps strict-cache results apart for different arguments", async () => {
    const context = signedIn("CUSTOMER");
    const self = isSelf("id");
    expect(await outcome(self, context, { id: USER_ID })).toBe("allowed");
    expect(await outcome(self, context, { id: OTHER_USER_ID })).toMatchObject({ code: "FORBIDDEN" });
    expect(await outcome(self, context, { id: USER_ID, extra: { b: 1, a: 2 } })).toBe("allowed");
  });
});
