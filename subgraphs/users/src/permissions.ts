import type { Role } from "./generated/prisma/client.js";

export const Permission = {
  USERS_READ: "users:read",
  USERS_WRITE: "users:write",
  ORDERS_READ: "orders:read",
  ORDERS_WRITE: "orders:write",
} as const;
export type Permission = (typeof Permission)[keyof typeof Permission];

const { USERS_READ, USERS_WRITE, ORDERS_READ, ORDERS_WRITE } = Permission;

/**
 * Permissions follow from the role alone, so a role change takes effect everywhere at once.
 * CUSTOMER's and DRIVER's order permissions are limited to their own orders by the orders rules.
 */
export function permissionsForRole(role: Role): readonly Permission[] {
  switch (role) {
    case "ADMIN":
    case "MANAGER":
      return [USERS_READ, USERS_WRITE, ORDERS_READ, ORDERS_WRITE];
    case "DISPATCHER":
      return [USERS_READ, ORDERS_READ, ORDERS_WRITE];
    case "DRIVER":
      return [ORDERS_READ];
    case "CUSTOMER":
      return [ORDERS_READ, ORDERS_WRITE];
    default: {
      const unknownRole: never = role;
      throw new Error(`unknown role ${String(unknownRole)}`);
    }
  }
}
