/** Every role a user can hold, highest privilege first. The database enum mirrors this list. */
export const ROLES = ["ADMIN", "MANAGER", "DISPATCHER", "DRIVER", "CUSTOMER"] as const;

export type Role = (typeof ROLES)[number];

/** What a caller may do, as carried in access tokens and checked by the gateway and subgraphs. */
export const Permission = {
  USERS_READ: "users:read",
  USERS_WRITE: "users:write",
  ORDERS_READ: "orders:read",
  ORDERS_WRITE: "orders:write",
} as const;

export type Permission = (typeof Permission)[keyof typeof Permission];

const { USERS_READ, USERS_WRITE, ORDERS_READ, ORDERS_WRITE } = Permission;

const everything: readonly Permission[] = Object.freeze([USERS_READ, USERS_WRITE, ORDERS_READ, ORDERS_WRITE]);
const dispatcher: readonly Permission[] = Object.freeze([USERS_READ, ORDERS_READ, ORDERS_WRITE]);
const driver: readonly Permission[] = Object.freeze([ORDERS_READ]);
// A customer may write orders, but only their own: the orders subgraph narrows that per row.
const customer: readonly Permission[] = Object.freeze([ORDERS_READ, ORDERS_WRITE]);

/** The permissions a role grants. Adding a role fails to compile until it is given a line here. */
export function permissionsForRole(role: Role): readonly Permission[] {
  switch (role) {
    case "ADMIN":
    case "MANAGER":
      return everything;
    case "DISPATCHER":
      return dispatcher;
    case "DRIVER":
      return driver;
    case "CUSTOMER":
      return customer;
    default: {
      const unknownRole: never = role;
      throw new Error(`Unknown role ${String(unknownRole)}`);
    }
  }
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

const permissionValues: ReadonlySet<string> = new Set(Object.values(Permission));

export function isPermission(value: unknown): value is Permission {
  return typeof value === "string" && permissionValues.has(value);
}
