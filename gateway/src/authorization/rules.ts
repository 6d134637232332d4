import {
  type AuthContext,
  allow,
  and,
  hasPermission,
  hasRole,
  isAuthenticated,
  isSelf,
  isSelfOrAdmin,
  or,
  Permission,
} from "@logicore/auth";
import { codedError, ErrorCode } from "@logicore/errors";
import { rule } from "graphql-shield";
import type { GatewayRuleMap } from "./ruleMap.js";

const { USERS_READ, USERS_WRITE, ORDERS_READ, ORDERS_WRITE } = Permission;

/**
 * createUser's `input.role`: MANAGER and ADMIN are the ADMIN's to give, so users:write (which a
 * MANAGER holds) is not a way to plant a second MANAGER. The users subgraph checks the same.
 */
const grantsRoleBelowManager = rule("logicore.gateway.grantsRoleBelowManager", { cache: "strict" })(
  (_parent, args: { input?: { role?: unknown } }, context: AuthContext) => {
    const role = args.input?.role;
    if (context.viewer?.role === "ADMIN" || (role !== "ADMIN" && role !== "MANAGER")) return true;
    return codedError(
      ErrorCode.FORBIDDEN,
      `only an ADMIN may give a user the role ${String(role)}; input.role must be below MANAGER`,
      { field: "input.role" },
    );
  },
);

/**
 * Who may ask for what, for the whole supergraph, checked before a query is planned. Rules here
 * see only the caller's token and the arguments; what depends on data (a CUSTOMER reading only
 * their own user or orders, who may change an ADMIN) the owning subgraph checks again.
 * `pnpm test` fails when a field of the supergraph has no entry here.
 */
export const gatewayRules: GatewayRuleMap = {
  Query: {
    me: isAuthenticated,
    // The users subgraph limits CUSTOMER and DRIVER to themselves.
    user: isAuthenticated,
    users: hasPermission(USERS_READ),
    userStats: hasPermission(USERS_READ),
    // The orders subgraph limits CUSTOMER to their own orders.
    order: hasPermission(ORDERS_READ),
    orders: hasPermission(ORDERS_READ),
  },
  Mutation: {
    signUp: allow,
    login: allow,
    refreshToken: allow,
    // Needs only the refresh token: a client whose access token has expired must still sign out.
    logout: allow,
    verifyEmail: allow,
    changePassword: isAuthenticated,
    requestEmailVerification: isAuthenticated,
    revokeAllSessions: isSelfOrAdmin("userId"),
    createUser: and(hasPermission(USERS_WRITE), grantsRoleBelowManager),
    // Only an ADMIN may edit or delete a MANAGER or ADMIN: that depends on the target's role, which
    // the users subgraph checks.
    updateUser: or(hasPermission(USERS_WRITE), isSelf("id")),
    deleteUser: hasPermission(USERS_WRITE),
    assignRole: hasRole("ADMIN"),
    createOrder: hasPermission(ORDERS_WRITE),
    updateOrderStatus: hasRole("ADMIN", "MANAGER", "DISPATCHER"),
    cancelOrder: hasPermission(ORDERS_WRITE),
  },
  // Output types: reaching one at all took a root field that passed its rule above.
  User: { "*": allow, orders: isAuthenticated },
  UserConnection: { "*": allow },
  UserEdge: { "*": allow },
  UserStats: { "*": allow },
  RoleCount: { "*": allow },
  AuthPayload: { "*": allow },
  Order: { "*": allow },
  OrderItem: { "*": allow },
  OrderConnection: { "*": allow },
  OrderEdge: { "*": allow },
  PageInfo: { "*": allow },
};
