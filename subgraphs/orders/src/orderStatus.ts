import { badUserInput } from "@logicore/errors";
import type { OrderStatus } from "./generated/prisma/client.js";

/** The order lifecycle: each status and where it may go next. DELIVERED and CANCELLED are final. */
const next: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING: ["CONFIRMED", "CANCELLED"],
  CONFIRMED: ["PICKING", "CANCELLED"],
  PICKING: ["SHIPPED", "CANCELLED"],
  SHIPPED: ["DELIVERED"],
  DELIVERED: [],
  CANCELLED: [],
};

export function canMove(from: OrderStatus, to: OrderStatus): boolean {
  return next[from].includes(to);
}

/** BAD_USER_INPUT naming both states, e.g. "cannot move an order from SHIPPED to PENDING". */
export function assertTransition(field: string, from: OrderStatus, to: OrderStatus): void {
  if (!canMove(from, to)) {
    const allowed = next[from].length > 0 ? `; from ${from} it may go to ${next[from].join(" or ")}` : "";
    throw badUserInput(field, `cannot move an order from ${from} to ${to}${allowed}`);
  }
}
