import { forbidden, unauthenticated } from "@logicore/errors";
import { type and, rule } from "graphql-shield";
import type { AuthenticatedViewer } from "./authenticate.js";
import type { Permission, Role } from "./roles.js";

/** graphql-shield's rule type (its package does not export it by name): combine with and/or/not/allow/deny. */
export type ShieldRule = Parameters<typeof and>[number];

/** The part of any request context these rules read. */
export interface AuthContext {
  viewer: AuthenticatedViewer | null;
}

// A context without a viewer field is treated as anonymous rather than crashing the rule.
const viewerOf = (context: AuthContext | undefined): AuthenticatedViewer | null => context?.viewer ?? null;

const namesViewer = (
  args: Record<string, unknown> | undefined,
  argName: string,
  viewer: AuthenticatedViewer,
) => {
  const value = args?.[argName];
  return typeof value === "string" && value.toLowerCase() === viewer.id.toLowerCase();
};

type RuleFunction = Parameters<ReturnType<typeof rule>>[0];

// graphql-shield caches results by rule name and refuses a rule map in which one name has two
// different functions. One instance per distinct check (hasPermission("users:read") used on ten
// fields) satisfies both: the check runs once per request and the map validates.
const built = new Map<string, ShieldRule>();

function definedOnce(name: string, cache: "contextual" | "strict", check: RuleFunction): ShieldRule {
  let existing = built.get(name);
  if (!existing) {
    existing = rule(`logicore.${name}`, { cache })(check);
    built.set(name, existing);
  }
  return existing;
}

export const isAuthenticated: ShieldRule = definedOnce(
  "isAuthenticated",
  "contextual",
  (_parent, _args, context: AuthContext) => (viewerOf(context) ? true : unauthenticated()),
);

/** Passes when the viewer holds any of `roles`. */
export function hasRole(...roles: Role[]): ShieldRule {
  if (roles.length === 0) throw new TypeError("hasRole needs at least one role");
  return definedOnce(`hasRole(${roles.join(",")})`, "contextual", (_parent, _args, context: AuthContext) => {
    const viewer = viewerOf(context);
    if (!viewer) return unauthenticated();
    return roles.includes(viewer.role) ? true : forbidden(`requires role ${roles.join(" or ")}`);
  });
}

export function hasPermission(permission: Permission): ShieldRule {
  return definedOnce(`hasPermission(${permission})`, "contextual", (_parent, _args, context: AuthContext) => {
    const viewer = viewerOf(context);
    if (!viewer) return unauthenticated();
    return viewer.permissions.includes(permission) ? true : forbidden(`requires permission ${permission}`);
  });
}

/** Passes when argument `argName` is the viewer's own user id (uuids compared case-insensitively). */
export function isSelf(argName: string): ShieldRule {
  return definedOnce(
    `isSelf(${argName})`,
    "strict",
    (_parent, args: Record<string, unknown>, context: AuthContext) => {
      const viewer = viewerOf(context);
      if (!viewer) return unauthenticated();
      return namesViewer(args, argName, viewer)
        ? true
        : forbidden(`requires ${argName} to be your own user id`);
    },
  );
}

/** Like `isSelf`, and ADMIN may act for anyone. */
export function isSelfOrAdmin(argName: string): ShieldRule {
  return definedOnce(
    `isSelfOrAdmin(${argName})`,
    "strict",
    (_parent, args: Record<string, unknown>, context: AuthContext) => {
      const viewer = viewerOf(context);
      if (!viewer) return unauthenticated();
      if (viewer.role === "ADMIN" || namesViewer(args, argName, viewer)) return true;
      return forbidden(`requires ${argName} to be your own user id, or role ADMIN`);
    },
  );
}
