import { hasPermission, hasRole, isAuthenticated, isSelf, isSelfOrAdmin, Permission } from "@logicore/auth";
import { forbidden } from "@logicore/errors";
import type { GraphQLSchema } from "graphql";
import { applyMiddleware } from "graphql-middleware";
import { allow, deny, or, shield } from "graphql-shield";

const { USERS_READ, USERS_WRITE } = Permission;

/**
 * The users subgraph's own rules, deny by default. The gateway checks the same policy before it
 * plans a query; these hold for any caller that reaches the subgraph some other way, and they see
 * the role as the database has it now. Rules that need the data itself (who may touch an ADMIN)
 * live in the resolvers.
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
      createUser: hasPermission(USERS_WRITE),
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
