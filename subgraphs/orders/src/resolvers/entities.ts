import { parseFirst } from "@logicore/service";
import { ownCustomerId } from "../context.js";
import { formatMoney } from "../money.js";
import { decodeOrderCursor, orderConnection } from "./connection.js";
import type { Resolvers } from "./types.generated.js";

export const entityResolvers = {
  Order: {
    // The same rule as `order(id)`: to a customer, someone else's order does not exist.
    async __resolveReference(reference, context) {
      const order = await context.loaders.order.load(reference.id);
      const own = ownCustomerId(context);
      return own !== undefined && order?.customerId !== own ? null : order;
    },
    number: (order) => `ORD-${String(order.number).padStart(6, "0")}`,
    // The users subgraph resolves the rest of the customer; the gateway batches those lookups.
    customer: (order) => ({ __typename: "User", id: order.customerId }),
    items: (order, _, context) => context.loaders.itemsByOrder.load(order.id),
    total: (order) => formatMoney(order.total),
    createdAt: (order) => order.createdAt.toISOString(),
    updatedAt: (order) => order.updatedAt.toISOString(),
  },
  OrderItem: {
    unitPrice: (item) => formatMoney(item.unitPrice),
  },
  User: {
    async orders(user, args, context) {
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
} satisfies Resolvers;
