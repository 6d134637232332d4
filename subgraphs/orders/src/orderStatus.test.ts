import { describe, expect, it } from "vitest";
import type { OrderStatus } from "./generated/prisma/client.js";
import { assertTransition, canMove } from "./orderStatus.js";

const all: OrderStatus[] = ["PENDING", "CONFIRMED", "PICKING", "SHIPPED", "DELIVERED", "CANCELLED"];
const legal = new Set([
  "PENDING>CONFIRMED",
  "PENDING>CANCELLED",
  "CONFIRMED>PICKING",
  "CONFIRMED>CANCELLED",
  "PICKING>SHIPPED",
  "PICKING>CANCELLED",
  "SHIPPED>DELIVERED",
]);

describe("the order lifecycle", () => {
  it.each(all.flatMap((from) => all.map((to) => [from, to] as const)))("%s -> %s", (from, to) => {
    expect(canMove(from, to)).toBe(legal.has(`${from}>${to}`));
  });

  it("names both states and the way forward when refusing", () => {
    expect(() => assertTransition("status", "SHIPPED", "PENDING")).toThrow(
      "cannot move an order from SHIPPED to PENDING; from SHIPPED it may go to DELIVERED",
    );
    expect(() => assertTransition("status", "DELIVERED", "CANCELLED")).toThrow(
      /^cannot move an order from DELIVERED to CANCELLED$/,
    );
  });
});
