import { parseFirst } from "@logicore/service";
import type { OrdersContext } from "../context.js";
import type { Order, OrderItem, OrderStatus } from "../generated/prisma/client.js";
import { formatMoney } from "../money.js";
import { decodeOrderCursor, orderConnection } from "./connection.js";

export const entityResolvers = {
  Order: {
    __resolveReference(reference: { id: string }, context: OrdersContext) {
      return context.loaders.order.load(reference.id);
    },
    number: (order: Order) => `ORD-${String(order.number).padStart(6, "0")}`,
    // The users subgraph resolves the rest of the customer; the gateway batches those lookups.
    customer: (order: Order) => ({ __typename: "User", id: order.customerId }),
    items: (order: Order, _: unknown, context: OrdersContext) => context.loaders.itemsByOrder.load(order.id),
    total: (order: Order) => formatMoney(order.total),
    createdAt: (order: Order) => order.createdAt.toISOString(),
    updatedAt: (order: Order) => order.updatedAt.toISOString(),
  },
  OrderItem: {
    unitPrice: (item: OrderItem) => formatMoney(item.unitPrice),
  },
  User: {
    async orders(
      user: { id: string },
      args: { first?: number | null; after?: string | null; status?: OrderStatus | null },
      context: OrdersContext,
    ) {
      const first = parseFirst(args.first);
      const status = args.status ?? undefined;
      const beforeNumber = args.after ? decodeOrderCursor("after", args.after) : undefined;
      const rows = await context.loaders.ordersOfCustomer.load({
        customerId: user.id,
        take: first + 1,
        beforeNumber,
        status,
      });
      for (const row of rows) context.loaders.order.prime(row.id, row);
      return orderConnection(rows, first, () =>
        context.loaders.orderCountOfCustomer.load({ customerId: user.id, status }),
      );
    },
  },
};
