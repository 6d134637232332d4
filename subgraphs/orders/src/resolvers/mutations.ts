import { badUserInput, conflict, forbidden, notFound } from "@logicore/errors";
import { type OrdersContext, ownCustomerId } from "../context.js";
import type { Order, OrderStatus } from "../generated/prisma/client.js";
import { parseOrderItems } from "../orderItems.js";
import { assertTransition } from "../orderStatus.js";
import { parseId } from "../validation.js";
import type { Resolvers } from "./types.generated.js";

/**
 * Moves an order only if nobody moved it since we read it (compare-and-set on the status), so two
 * dispatchers racing cannot both win and skip a state.
 */
async function moveOrder(context: OrdersContext, id: string, to: OrderStatus, field: string): Promise<Order> {
  const current = await context.prisma.order.findUnique({ where: { id } });
  const own = ownCustomerId(context);
  if (!current || (own !== undefined && current.customerId !== own)) throw notFound("Order", id, "id");
  assertTransition(field, current.status, to);
  const moved = await context.prisma.order.updateMany({
    where: { id, status: current.status },
    data: { status: to },
  });
  if (moved.count !== 1) throw conflict("id", "the order was changed by someone else; read it again");
  return context.prisma.order.findUniqueOrThrow({ where: { id } });
}

export const mutationResolvers = {
  Mutation: {
    async createOrder(_, { input }, context) {
      const customerId =
        input.customerId != null ? parseId("input.customerId", input.customerId) : context.viewer?.id;
      if (customerId === undefined) {
        throw badUserInput("input.customerId", "input.customerId is required when no user is signed in");
      }
      const own = ownCustomerId(context);
      if (own !== undefined && customerId !== own) {
        throw forbidden("a customer may only order for themselves");
      }
      const { items, total } = parseOrderItems("input.items", input.items);
      // Order and items are written in one statement's transaction: never an order without items.
      return context.prisma.order.create({
        data: { customerId, total, items: { create: items } },
      });
    },

    updateOrderStatus(_, args, context) {
      return moveOrder(context, parseId("id", args.id), args.status, "status");
    },

    cancelOrder(_, args, context) {
      return moveOrder(context, parseId("id", args.id), "CANCELLED", "id");
    },
  },
} satisfies Resolvers;
