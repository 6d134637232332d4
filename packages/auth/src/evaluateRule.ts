import { ErrorCode } from "@logicore/errors";
import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import { allow } from "graphql-shield";
import type { AuthContext, ShieldRule } from "./rules.js";

type ShieldOptions = Parameters<ShieldRule["resolve"]>[4];
type ShieldContext = Parameters<ShieldRule["resolve"]>[2];

const sortedKeys = (_key: string, value: unknown): unknown => {
  if (typeof value === "bigint") return `${value}n`;
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
};

// Mirrors shield()'s defaults: a rule that throws denies instead of failing the whole request.
// The "strict" cache needs a hash of parent and args; equal JSON with sorted keys is equal args.
const options: ShieldOptions = {
  debug: false,
  allowExternalErrors: false,
  fallbackRule: allow,
  hashFunction: (value) => JSON.stringify(value, sortedKeys),
};

// Without a resolver call there is no resolve info; the rules of this package never read it, and
// rules that do cannot be checked this way.
const noInfo = Object.freeze({}) as GraphQLResolveInfo;

// shield() keeps its per-request cache on the context object. Here it lives on a child of the
// caller's context instead (properties still read through), one per context, so the caller's
// object is never written to and every field checked for one request shares the cache.
const shieldContexts = new WeakMap<AuthContext, AuthContext & ShieldContext>();

function shieldContextFor(context: AuthContext): AuthContext & ShieldContext {
  let shieldContext = shieldContexts.get(context);
  if (!shieldContext) {
    shieldContext = Object.assign(Object.create(context) as AuthContext, { _shield: { cache: {} } });
    shieldContexts.set(context, shieldContext);
  }
  return shieldContext;
}

function hasCode(error: Error): error is Error & { extensions: Record<string, unknown> } {
  const extensions = (error as { extensions?: unknown }).extensions;
  return typeof extensions === "object" && extensions !== null && "code" in extensions;
}

/**
 * Evaluates a shield rule, compositions (and/or/not/chain/race/allow/deny) included, without a
 * resolver: the gateway checks every field of an operation before planning it. Returns `true` or
 * the rule's own GraphQLError; a bare `false` or plain Error becomes UNAUTHENTICATED for an
 * anonymous caller and FORBIDDEN otherwise.
 */
export async function evaluateRule(
  rule: ShieldRule,
  args: Record<string, unknown>,
  context: AuthContext,
): Promise<true | GraphQLError> {
  const result = await rule.resolve({}, args, shieldContextFor(context), noInfo, options);
  if (result === true) return true;
  if (result instanceof GraphQLError) return result;
  // A GraphQLError from graphql's other build (CJS vs ESM) fails instanceof but is just as coded.
  if (result instanceof Error && hasCode(result)) {
    return new GraphQLError(result.message, { extensions: result.extensions, originalError: result });
  }
  const code = context.viewer ? ErrorCode.FORBIDDEN : ErrorCode.UNAUTHENTICATED;
  const fallback = context.viewer ? "You are not allowed to do this" : "Authentication is required";
  const message = result instanceof Error ? result.message : typeof result === "string" ? result : fallback;
  return new GraphQLError(message, { extensions: { code } });
}
