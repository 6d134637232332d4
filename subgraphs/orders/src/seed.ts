import { DEVELOPMENT_SEED_USERS } from "@logicore/service";
import type { Logger } from "pino";
import type { OrderStatus, PrismaClient } from "./generated/prisma/client.js";
import { parseOrderItems } from "./orderItems.js";

const samples: ReadonlyArray<{ status: OrderStatus; items: Parameters<typeof parseOrderItems>[1] }> = [
  {
    status: "DELIVERED",
    items: [
      { sku: "PAL-EUR-1200", description: "Euro pallet 1200x800", quantity: 4, unitPrice: "12.50" },
      { sku: "WRAP-500", description: "Stretch wrap, 500 mm", quantity: 2, unitPrice: "8.99" },
    ],
  },
  {
    status: "SHIPPED",
    items: [{ sku: "BOX-M", description: "Carton box, medium", quantity: 100, unitPrice: "0.10" }],
  },
  {
    status: "PENDING",
    items: [
      { sku: "LBL-A6", description: "Shipping labels A6, roll of 500", quantity: 3, unitPrice: "19.90" },
      { sku: "TAPE-48", description: "Packing tape 48 mm", quantity: 12, unitPrice: "1.35" },
    ],
  },
];

/**
 * Development data: a few orders for the seeded customer (a fixed id shared with the users seed),
 * so the README's cross-subgraph query shows something on first start.
 */
export async function seedOrders(prisma: PrismaClient, logger: Logger): Promise<number> {
  const customer = DEVELOPMENT_SEED_USERS.find((user) => user.role === "CUSTOMER");
  if (!customer) return 0;
  for (const sample of samples) {
    const { items, total } = parseOrderItems("seed", sample.items);
    await prisma.order.create({
      data: { customerId: customer.id, status: sample.status, total, items: { create: items } },
    });
  }
  logger.info(`seed created ${samples.length} orders for ${customer.email}`);
  return samples.length;
}
