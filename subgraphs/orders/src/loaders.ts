import DataLoader from "dataloader";
import {
  type Order,
  type OrderItem,
  type OrderStatus,
  Prisma,
  type PrismaClient,
} from "./generated/prisma/client.js";
import { isUuid } from "./validation.js";

export interface CustomerOrdersKey {
  customerId: string;
  /** Rows wanted: the page size plus one, to know whether there is a next page. */
  take: number;
  /** Only orders with a smaller number (the cursor). */
  beforeNumber: number | undefined;
  status: OrderStatus | undefined;
}

export interface CustomerCountKey {
  customerId: string;
  status: OrderStatus | undefined;
}

export interface Loaders {
  order: DataLoader<string, Order | null>;
  itemsByOrder: DataLoader<string, OrderItem[]>;
  ordersOfCustomer: DataLoader<CustomerOrdersKey, Order[], string>;
  orderCountOfCustomer: DataLoader<CustomerCountKey, number, string>;
}

/**
 * Per-request loaders: however many orders, users or items one request touches, each kind costs
 * one SQL query per request (per distinct page arguments for customers' orders).
 */
export function createLoaders(prisma: PrismaClient): Loaders {
  const order = new DataLoader<string, Order | null>(async (ids) => {
    const valid = ids.filter(isUuid).map((id) => id.toLowerCase());
    const rows = valid.length === 0 ? [] : await prisma.order.findMany({ where: { id: { in: valid } } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  });

  const itemsByOrder = new DataLoader<string, OrderItem[]>(async (orderIds) => {
    const rows = await prisma.orderItem.findMany({
      where: { orderId: { in: [...orderIds] } },
      orderBy: [{ orderId: "asc" }, { position: "asc" }],
    });
    const byOrder = groupBy(rows, (row) => row.orderId);
    return orderIds.map((id) => byOrder.get(id) ?? []);
  });

  const ordersOfCustomer = new DataLoader<CustomerOrdersKey, Order[], string>(
    async (keys) => {
      // Keys differ in customer only, unless one request pages different users differently.
      const groups = groupBy(keys, (key) => `${key.take}|${key.beforeNumber}|${key.status}`);
      const results = new Map<CustomerOrdersKey, Order[]>();
      for (const group of groups.values()) {
        const [{ take, beforeNumber, status }] = group as [CustomerOrdersKey];
        // A representation's id is whatever the caller sent; a non-UUID would fail the whole cast.
        const customerIds = group.map((key) => key.customerId).filter(isUuid);
        if (customerIds.length === 0) continue;
        const rows = await newestOrdersPerCustomer(prisma, {
          customerIds,
          take,
          beforeNumber,
          status,
        });
        const byCustomer = groupBy(rows, (row) => row.customerId);
        for (const key of group) results.set(key, byCustomer.get(key.customerId) ?? []);
      }
      return keys.map((key) => results.get(key) ?? []);
    },
    { cacheKeyFn: (key) => JSON.stringify(key) },
  );

  const orderCountOfCustomer = new DataLoader<CustomerCountKey, number, string>(
    async (keys) => {
      const counts = new Map<string, number>();
      for (const [status, group] of groupBy(keys, (key) => key.status)) {
        const customerIds = group.map((key) => key.customerId).filter(isUuid);
        if (customerIds.length === 0) continue;
        const rows = await prisma.order.groupBy({
          by: ["customerId"],
          where: { customerId: { in: customerIds }, ...(status ? { status } : {}) },
          _count: { _all: true },
        });
        for (const row of rows) counts.set(`${row.customerId}|${status}`, row._count._all);
      }
      return keys.map((key) => counts.get(`${key.customerId}|${key.status}`) ?? 0);
    },
    { cacheKeyFn: (key) => `${key.customerId}|${key.status}` },
  );

  return { order, itemsByOrder, ordersOfCustomer, orderCountOfCustomer };
}

/** The newest `take` orders of each customer in one statement, ranked per customer by number. */
function newestOrdersPerCustomer(
  prisma: PrismaClient,
  options: {
    customerIds: string[];
    take: number;
    beforeNumber: number | undefined;
    status: OrderStatus | undefined;
  },
): Promise<Order[]> {
  const { customerIds, take, beforeNumber, status } = options;
  const statusClause = status ? Prisma.sql`AND o."status" = ${status}::"OrderStatus"` : Prisma.empty;
  const cursorClause =
    beforeNumber !== undefined ? Prisma.sql`AND o."number" < ${beforeNumber}` : Prisma.empty;
  return prisma.$queryRaw<Order[]>`
    SELECT "id", "number", "status", "customerId", "total", "createdAt", "updatedAt"
    FROM (
      SELECT o.*, row_number() OVER (PARTITION BY o."customerId" ORDER BY o."number" DESC) AS "rank"
      FROM "Order" o
      WHERE o."customerId" = ANY(${customerIds}::uuid[]) ${statusClause} ${cursorClause}
    ) ranked
    WHERE "rank" <= ${take}
    ORDER BY "customerId", "number" DESC`;
}

/** Map.groupBy arrives in Node 21; this runs on 20 too. */
function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
