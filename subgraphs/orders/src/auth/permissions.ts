import { hasPermission, hasRole, isAuthenticated, Permission } from "@logicore/auth";
import { forbidden, unauthenticated } from "@logicore/errors";
import type { GraphQLSchema } from "graphql";
import { applyMiddleware } from "graphql-middleware";
import { allow, deny, rule, shield } from "graphql-shield";
import type { OrdersContext } from "../context.js";

const { ORDERS_READ, ORDERS_WRITE } = Permission;

/** A user's orders are theirs to see, and every non-customer role's (staff) too. */
const isOwnUserOrStaff = rule({ cache: "strict" })(
  async (parent: { id: string }, _args, context: OrdersContext) => {
    if (!context.viewer) return unauthenticated();
    if (context.viewer.role !== "CUSTOMER" || parent.id.toLowerCase() === context.viewer.id) return true;
    return forbidden("a customer may only see their own orders");
  },
);

/**
 * The orders subgraph's own rules, deny by default. What a CUSTOMER may see or change within
 * these (only their own orders) depends on the data and is enforced in the resolvers.
 */
export const ordersPermissions = shield(
  {
    Query: {
      order: hasPermission(ORDERS_READ),
      orders: hasPermission(ORDERS_READ),
      _entities: isAuthenticated,
      _service: isAuthenticated,
    },
    Mutation: {
      createOrder: hasPermission(ORDERS_WRITE),
      cancelOrder: hasPermission(ORDERS_WRITE),
      updateOrderStatus: hasRole("ADMIN", "MANAGER", "DISPATCHER"),
    },
    User: { id: allow, orders: isOwnUserOrStaff },
    Order: allow,
    OrderItem: allow,
    OrderConnection: allow,
    OrderEdge: allow,
    PageInfo: allow,
    _Service: allow,
  },
  // Resolver errors are already coded; shield must pass them through, not replace them.
  { allowExternalErrors: true, fallbackRule: deny, fallbackError: forbidden() },
);

export function withOrdersPermissions(schema: GraphQLSchema): GraphQLSchema {
  return applyMiddleware(schema, ordersPermissions);
}
