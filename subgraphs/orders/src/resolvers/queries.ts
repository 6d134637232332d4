import { forbidden } from "@logicore/errors";
import { parseFirst } from "@logicore/service";
import { ownCustomerId } from "../context.js";
import type { Prisma } from "../generated/prisma/client.js";
import { parseId, parseInstant } from "../validation.js";
import { decodeOrderCursor, orderConnection } from "./connection.js";
import type { OrderFilter, Resolvers } from "./types.generated.js";

function whereFromFilter(filter: OrderFilter | null | undefined): Prisma.OrderWhereInput {
  const where: Prisma.OrderWhereInput = {};
  if (filter?.status) where.status = filter.status;
  if (filter?.customerId) where.customerId = parseId("filter.customerId", filter.customerId);
  const createdAt: Prisma.DateTimeFilter = {};
  if (filter?.createdAfter) createdAt.gte = parseInstant("filter.createdAfter", filter.createdAfter);
  if (filter?.createdBefore) createdAt.lt = parseInstant("filter.createdBefore", filter.createdBefore);
  if (createdAt.gte || createdAt.lt) where.createdAt = createdAt;
  return where;
}

export const queryResolvers = {
  Query: {
    async order(_, args, context) {
      const order = await context.loaders.order.load(parseId("id", args.id));
      const own = ownCustomerId(context);
      // Someone else's order is, to a customer, an order that does not exist.
      return own !== undefined && order?.customerId !== own ? null : order;
    },

    async orders(_, args, context) {
      const first = parseFirst(args.first);
      const where = whereFromFilter(args.filter);
      const own = ownCustomerId(context);
      if (own !== undefined) {
        if (where.customerId !== undefined && where.customerId !== own) {
          throw forbidden("a customer may only list their own orders");
        }
        where.customerId = own;
      }
      const before = args.after ? decodeOrderCursor("after", args.after) : undefined;
      const rows = await context.prisma.order.findMany({
        where: before === undefined ? where : { AND: [where, { number: { lt: before } }] },
        orderBy: { number: "desc" },
        take: first + 1,
      });
      for (const row of rows) context.loaders.order.prime(row.id, row);
      return orderConnection(rows, first, () => context.prisma.order.count({ where }));
    },
  },
} satisfies Resolvers;
