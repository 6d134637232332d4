import {
  hasPermission,
  hasRole,
  isAuthenticated,
  isSelf,
  isSelfOrAdmin,
  Permission,
  type Role,
} from "@logicore/auth";
import { codedError, ErrorCode, forbidden } from "@logicore/errors";
import type { GraphQLSchema } from "graphql";
import { applyMiddleware } from "graphql-middleware";
import { allow, and, deny, or, rule, shield } from "graphql-shield";
import type { UsersContext } from "../context.js";

const { USERS_READ, USERS_WRITE } = Permission;

/**
 * Roles only an ADMIN may grant, and whose holders only an ADMIN may edit or delete: otherwise a
 * MANAGER could plant a second MANAGER account before being demoted, or remove a peer.
 */
const ADMIN_ONLY_ROLES: readonly Role[] = ["ADMIN", "MANAGER"];

export const isAdminOnlyRole = (role: Role | null | undefined): boolean =>
  role != null && ADMIN_ONLY_ROLES.includes(role);

const adminOnly = (field: string, message: string) => codedError(ErrorCode.FORBIDDEN, message, { field });

/** FORBIDDEN naming `field` unless the caller is an ADMIN or `role` is below MANAGER. */
export function assertMayGrant(viewerRole: Role | undefined, role: Role | null | undefined, field: string) {
  if (viewerRole === "ADMIN" || !isAdminOnlyRole(role)) return;
  throw adminOnly(field, `only an ADMIN may give a user the role ${role}; ${field} must be below MANAGER`);
}

/**
 * FORBIDDEN naming `field` unless the caller is an ADMIN, the target's role is below MANAGER, or
 * (for edits) the target is the caller. An unknown target passes: the mutation answers NOT_FOUND.
 */
export function assertMayManage(
  viewer: { id: string; role: Role } | null,
  target: { id: string; role: Role } | null,
  action: "edit" | "delete",
  field: string,
) {
  if (viewer?.role === "ADMIN" || target === null || !isAdminOnlyRole(target.role)) return;
  if (action === "edit" && viewer?.id === target.id) return;
  throw adminOnly(field, `only an ADMIN may ${action} a ${target.role}; ${field} names one`);
}

/** createUser's `input.role`: a role at or above MANAGER is the ADMIN's to give. */
const grantsOnlyWhatTheViewerMay = rule("users.grantsOnlyWhatTheViewerMay", { cache: "strict" })(
  (_parent, args: { input?: { role?: Role | null } }, context: UsersContext) => {
    try {
      assertMayGrant(context.viewer?.role, args.input?.role, "input.role");
      return true;
    } catch (error) {
      return error as Error;
    }
  },
);

/**
 * The users subgraph's own rules, deny by default. The gateway checks the same policy before it
 * plans a query; these hold for any caller that reaches the subgraph some other way, and they see
 * the role as the database has it now. Rules that need the data itself (who may edit or delete a
 * MANAGER or ADMIN) live in the resolvers, with the helpers below.
 */
export const usersPermissions = shield(
  {
    Query: {
      me: isAuthenticated,
      user: or(hasPermission(USERS_READ), isSelf("id")),
      users: hasPermission(USERS_READ),
      userStats: hasPermission(USERS_READ),
      // Entity lookups come from the gateway on behalf of a signed-in caller.
      _entities: isAuthenticated,
      _service: isAuthenticated,
    },
    Mutation: {
      signUp: allow,
      login: allow,
      refreshToken: allow,
      logout: allow,
      verifyEmail: allow,
      revokeAllSessions: isSelfOrAdmin("userId"),
      createUser: and(hasPermission(USERS_WRITE), grantsOnlyWhatTheViewerMay),
      updateUser: or(hasPermission(USERS_WRITE), isSelf("id")),
      deleteUser: hasPermission(USERS_WRITE),
      assignRole: hasRole("ADMIN"),
      changePassword: isAuthenticated,
      requestEmailVerification: isAuthenticated,
    },
    User: allow,
    UserConnection: allow,
    UserEdge: allow,
    PageInfo: allow,
    UserStats: allow,
    RoleCount: allow,
    AuthPayload: allow,
    _Service: allow,
  },
  // Resolver errors are already coded; shield must pass them through, not replace them.
  { allowExternalErrors: true, fallbackRule: deny, fallbackError: forbidden() },
);

export function withUsersPermissions(schema: GraphQLSchema): GraphQLSchema {
  return applyMiddleware(schema, usersPermissions);
}
