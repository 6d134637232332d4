import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { applyMigrations, assertMigrationsApplied } from "@logicore/db";
import { createTestDatabase, type TestDatabase } from "@logicore/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OrderStatus, Prisma, PrismaClient } from "../src/generated/prisma/client.js";

// The migrations are hand-written (no schema engine offline), so this test is what proves they match
// schema.prisma: a fresh database built from them must serve every model and field of the generated client.
const migrationsDir = fileURLToPath(new URL("../../../prisma/orders/migrations", import.meta.url));
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const CUSTOMER = "22222222-2222-4222-8222-222222222222";
const MISSING = "00000000-0000-4000-8000-000000000000";

let testDb: TestDatabase;
let prisma: PrismaClient;

beforeAll(async () => {
  testDb = await createTestDatabase();
  await applyMigrations(testDb.database, migrationsDir);
  prisma = new PrismaClient({ adapter: testDb.database.adapter });
});
afterAll(async () => {
  await prisma?.$disconnect();
  await testDb?.drop();
});

const catalog = <R extends Record<string, unknown>>(sql: string) =>
  testDb.database.withSession((s) => s.query<R>(sql));
const newOrder = (data: Partial<Prisma.OrderUncheckedCreateInput> = {}) =>
  prisma.order.create({ data: { customerId: CUSTOMER, total: "10.00", ...data } });
const item = (position: number, unitPrice = "2.50") => ({
  position,
  sku: `SKU-${position}`,
  description: `Item ${position}`,
  quantity: 2,
  unitPrice,
});

describe(`orders migrations (${process.env.DATABASE_URL ? "server" : "embedded"})`, () => {
  it("are all applied", async () => {
    await expect(assertMigrationsApplied(testDb.database, migrationsDir)).resolves.toBeUndefined();
  });

  it("create the OrderStatus enum, constraints, indexes and number sequence under Prisma's names", async () => {
    const statuses = await catalog<{ label: string }>(
      `SELECT enumlabel AS label FROM pg_enum WHERE enumtypid = '"OrderStatus"'::regtype ORDER BY enumsortorder`,
    );
    expect(statuses.map((s) => s.label)).toEqual(Object.values(OrderStatus));

    // Unique keys are unique indexes in Prisma's SQL, not constraints; NOT NULL shows up as contype 'n'
    // from PostgreSQL 18 on (PGlite), so it is left to the column check below.
    const constraints = await catalog<{ name: string; type: string; del: string; upd: string }>(
      `SELECT conname AS name, contype::text AS type, confdeltype::text AS del, confupdtype::text AS upd
         FROM pg_constraint WHERE conrelid IN ('"Order"'::regclass, '"OrderItem"'::regclass)
           AND contype <> 'n' ORDER BY conname`,
    );
    expect(constraints).toEqual([
      // c = CASCADE, for onDelete: Cascade and Prisma's default ON UPDATE CASCADE.
      { name: "OrderItem_orderId_fkey", type: "f", del: "c", upd: "c" },
      { name: "OrderItem_pkey", type: "p", del: " ", upd: " " },
      { name: "Order_pkey", type: "p", del: " ", upd: " " },
    ]);

    const indexes = await catalog<{ indexdef: string }>(
      `SELECT indexdef FROM pg_indexes WHERE tablename IN ('Order', 'OrderItem') ORDER BY indexname`,
    );
    expect(indexes.map((i) => i.indexdef)).toEqual([
      'CREATE UNIQUE INDEX "OrderItem_orderId_position_key" ON public."OrderItem" USING btree ("orderId", "position")',
      'CREATE UNIQUE INDEX "OrderItem_pkey" ON public."OrderItem" USING btree (id)',
      'CREATE INDEX "Order_createdAt_idx" ON public."Order" USING btree ("createdAt")',
      'CREATE INDEX "Order_customerId_number_idx" ON public."Order" USING btree ("customerId", number)',
      'CREATE UNIQUE INDEX "Order_number_key" ON public."Order" USING btree (number)',
      'CREATE UNIQUE INDEX "Order_pkey" ON public."Order" USING btree (id)',
      'CREATE INDEX "Order_status_idx" ON public."Order" USING btree (status)',
    ]);

    // SERIAL: a sequence owned by the column, so it goes away with the table.
    const [serial] = await catalog<{ sequence: string | null }>(
      `SELECT pg_get_serial_sequence('"Order"', 'number') AS sequence`,
    );
    expect(serial?.sequence).toBe('public."Order_number_seq"');
  });

  it("give every column the type, precision, nullability and default Prisma generates", async () => {
    const columns = await catalog<Record<string, string | null>>(
      `SELECT table_name, column_name, udt_name,
              CASE WHEN udt_name = 'numeric' THEN numeric_precision || ',' || numeric_scale
                   ELSE datetime_precision::text END AS precision,
              is_nullable, column_default
         FROM information_schema.columns WHERE table_name IN ('Order', 'OrderItem')
         ORDER BY table_name, ordinal_position`,
    );
    expect(columns.map((c) => Object.values(c).join(" "))).toEqual([
      "Order id uuid  NO ",
      "Order number int4  NO nextval('\"Order_number_seq\"'::regclass)",
      "Order status OrderStatus  NO 'PENDING'::\"OrderStatus\"",
      "Order customerId uuid  NO ",
      "Order total numeric 14,2 NO ",
      "Order createdAt timestamp 3 NO CURRENT_TIMESTAMP",
      "Order updatedAt timestamp 3 NO ",
      "OrderItem id uuid  NO ",
      "OrderItem orderId uuid  NO ",
      "OrderItem position int4  NO ",
      "OrderItem sku text  NO ",
      "OrderItem description text  NO ",
      "OrderItem quantity int4  NO ",
      "OrderItem unitPrice numeric 12,2 NO ",
    ]);
  });
});

describe("Order through the generated client", () => {
  it("creates with defaults, reads, updates (moving updatedAt) and deletes", async () => {
    const before = Date.now();
    const created = await newOrder({ total: "25.00" });
    expect(created).toMatchObject({ status: "PENDING", customerId: CUSTOMER });
    expect(created.id).toMatch(UUID);
    expect(Number.isInteger(created.number) && created.number > 0).toBe(true);
    expect(created.total).toBeInstanceOf(Prisma.Decimal);
    expect(created.total.toFixed(2)).toBe("25.00");
    expect(created.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(created.updatedAt).toBeInstanceOf(Date);

    await sleep(20);
    const otherCustomer = "33333333-3333-4333-8333-333333333333";
    const updated = await prisma.order.update({
      where: { id: created.id },
      data: { status: OrderStatus.CONFIRMED, customerId: otherCustomer, total: new Prisma.Decimal("26.50") },
    });
    expect(updated).toMatchObject({ status: "CONFIRMED", customerId: otherCustomer, number: created.number });
    expect(updated.total.toFixed(2)).toBe("26.50");
    expect(updated.createdAt).toEqual(created.createdAt);
    expect(updated.updatedAt.getTime()).toBeGreaterThan(created.updatedAt.getTime());
    expect(await prisma.order.findUnique({ where: { number: created.number } })).toEqual(updated);

    await prisma.order.delete({ where: { id: created.id } });
    expect(await prisma.order.findUnique({ where: { id: created.id } })).toBeNull();
  });

  it("numbers orders from a sequence, one more each time, and pages by customer and number", async () => {
    const customerId = "44444444-4444-4444-8444-444444444444";
    const first = await newOrder({ customerId });
    const second = await newOrder({ customerId });
    const third = await newOrder({ customerId });
    expect([second.number, third.number]).toEqual([first.number + 1, first.number + 2]);

    const page = await prisma.order.findMany({
      where: { customerId, number: { gt: first.number } },
      orderBy: { number: "asc" },
      take: 10,
    });
    expect(page.map((o) => o.number)).toEqual([second.number, third.number]);
  });

  it("stores every OrderStatus and filters by it", async () => {
    const customerId = "55555555-5555-4555-8555-555555555555";
    for (const status of Object.values(OrderStatus)) await newOrder({ customerId, status });
    const found = await prisma.order.findMany({ where: { customerId }, orderBy: { number: "asc" } });
    expect(found.map((o) => o.status)).toEqual(Object.values(OrderStatus));
    expect(await prisma.order.count({ where: { customerId, status: OrderStatus.SHIPPED } })).toBe(1);
  });

  it("keeps totals exact up to Decimal(14,2) and rejects larger ones with P2020", async () => {
    const big = await newOrder({ total: "12345678901.23" });
    expect(big.total.toString()).toBe("12345678901.23");
    const largest = await newOrder({ total: new Prisma.Decimal("999999999999.99") });
    const read = await prisma.order.findUniqueOrThrow({ where: { id: largest.id } });
    expect(read.total.toString()).toBe("999999999999.99");
    const [stored] = await catalog<{ total: string }>(
      `SELECT total::text AS total FROM "Order" WHERE id = '${big.id}'`,
    );
    expect(stored?.total).toBe("12345678901.23");

    await expect(newOrder({ total: "1000000000000.00" })).rejects.toMatchObject({ code: "P2020" });
  });

  it("rejects a duplicate number with P2002", async () => {
    const order = await newOrder();
    await expect(newOrder({ number: order.number })).rejects.toMatchObject({ code: "P2002" });
  });
});

describe("OrderItem through the generated client", () => {
  it("creates with its order, reads in position order, updates and deletes", async () => {
    const order = await prisma.order.create({
      data: { customerId: CUSTOMER, total: "7.50", items: { create: [item(2), item(1)] } },
      include: { items: { orderBy: { position: "asc" } } },
    });
    expect(order.items.map((i) => i.position)).toEqual([1, 2]);
    const [firstItem] = order.items;
    expect(firstItem).toMatchObject({
      orderId: order.id,
      position: 1,
      sku: "SKU-1",
      description: "Item 1",
      quantity: 2,
    });
    expect(firstItem?.id).toMatch(UUID);
    expect(firstItem?.unitPrice.toFixed(2)).toBe("2.50");

    const added = await prisma.orderItem.create({
      data: { ...item(3, "0.99"), order: { connect: { id: order.id } } },
      include: { order: true },
    });
    expect(added.order.number).toBe(order.number);

    const updated = await prisma.orderItem.update({
      where: { orderId_position: { orderId: order.id, position: 3 } },
      data: { position: 4, sku: "SKU-X", description: "Changed", quantity: 5, unitPrice: "1.25" },
    });
    expect(updated).toMatchObject({ position: 4, sku: "SKU-X", description: "Changed", quantity: 5 });
    expect(updated.unitPrice.toFixed(2)).toBe("1.25");

    await prisma.orderItem.delete({ where: { id: added.id } });
    expect(await prisma.orderItem.count({ where: { orderId: order.id } })).toBe(2);
  });

  it("keeps prices exact: three items at 0.10 sum to 0.30, and rounds input to cents", async () => {
    const order = await newOrder({ total: "0.30" });
    await prisma.orderItem.createMany({
      data: [1, 2, 3].map((position) => ({ ...item(position, "0.10"), orderId: order.id })),
    });
    // In binary floating point 0.1 * 3 is 0.30000000000000004; NUMERIC and Decimal.js are exact.
    const sum = await prisma.orderItem.aggregate({ where: { orderId: order.id }, _sum: { unitPrice: true } });
    expect(sum._sum.unitPrice?.toFixed(2)).toBe("0.30");
    expect(sum._sum.unitPrice?.equals(order.total)).toBe(true);
    const one = await prisma.orderItem.findFirstOrThrow({ where: { orderId: order.id } });
    expect(one.unitPrice.times(3).toString()).toBe("0.3");

    const rounded = await prisma.orderItem.create({ data: { ...item(4, "1.005"), orderId: order.id } });
    expect(rounded.unitPrice.toFixed(2)).toBe("1.01");
    await expect(
      prisma.orderItem.create({ data: { ...item(5, "10000000000.00"), orderId: order.id } }),
    ).rejects.toMatchObject({ code: "P2020" });
  });

  it("rejects a duplicate (orderId, position) with P2002 and a missing order with P2003", async () => {
    const order = await newOrder();
    await prisma.orderItem.create({ data: { ...item(1), orderId: order.id } });

    await expect(prisma.orderItem.create({ data: { ...item(1), orderId: order.id } })).rejects.toMatchObject({
      code: "P2002",
    });
    // The same position in another order is fine.
    const other = await newOrder();
    await expect(prisma.orderItem.create({ data: { ...item(1), orderId: other.id } })).resolves.toBeDefined();
    await expect(prisma.orderItem.create({ data: { ...item(1), orderId: MISSING } })).rejects.toMatchObject({
      code: "P2003",
    });
  });

  it("follows its order's id change and is deleted with its order", async () => {
    const order = await prisma.order.create({
      data: { customerId: CUSTOMER, total: "5.00", items: { create: [item(1), item(2)] } },
    });
    const newId = "66666666-6666-4666-8666-666666666666";
    await prisma.order.update({ where: { id: order.id }, data: { id: newId } });
    expect(await prisma.orderItem.count({ where: { orderId: newId } })).toBe(2);

    await prisma.order.delete({ where: { id: newId } });
    expect(await prisma.orderItem.count({ where: { orderId: newId } })).toBe(0);
  });
});
