import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CREATE_ORDER,
  type CreatedOrder,
  countOrderRows,
  createOrder,
  dataOf,
  item,
  ORDER_FIELDS,
  type OrderItemInput,
  orderNumber,
} from "./support/orders.js";
import { ANONYMOUS, firstError, startStack, type TestStack } from "./support/stack.js";
import { type CreatedUser, createUser, headersOf } from "./support/users.js";

let stack: TestStack;
let customer: CreatedUser;
let caller: CreatedUser;
beforeAll(async () => {
  stack = await startStack();
  customer = await createUser(stack, { name: "Carla Customer" });
  caller = await createUser(stack, { name: "Cody Caller" });
});
afterAll(() => stack?.close());

const ORDER = `query ($id: ID!) { order(id: $id) { ${ORDER_FIELDS} customer { id email name } } }`;

describe("creating an order", () => {
  it("numbers orders ORD-000001, ORD-000002, ... in the order they were created", async () => {
    const created: CreatedOrder[] = [];
    for (let i = 0; i < 3; i += 1) created.push(await createOrder(stack, { customerId: customer.id }));
    expect(created.map((order) => order.number)).toEqual(["ORD-000001", "ORD-000002", "ORD-000003"]);
    const next = await createOrder(stack, { customerId: customer.id });
    expect(next.number).toBe(orderNumber(4));
  });

  it("creates a PENDING order for the customer named in the input", async () => {
    const items = [
      item({ sku: "PAL-EUR-1200", description: "Euro pallet", quantity: 4, unitPrice: "12.50" }),
    ];
    const response = await stack.graphql(CREATE_ORDER, { input: { customerId: customer.id, items } });
    expect(response.body.errors).toBeUndefined();
    const order = dataOf<CreatedOrder>(response, "createOrder");
    expect(order).toMatchObject({
      status: "PENDING",
      total: "50.00",
      items,
      customer: { id: customer.id },
    });
    expect(order.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(order.number).toMatch(/^ORD-\d{6}$/);
    expect(Date.parse(order.createdAt)).not.toBeNaN();
    expect(Date.parse(order.updatedAt)).toBeGreaterThanOrEqual(Date.parse(order.createdAt));
  });

  it("defaults the customer to the signed-in caller", async () => {
    const order = await createOrder(stack, {}, await headersOf(stack, caller));
    expect(order.customer).toEqual({ id: caller.id });
  });

  it("lets staff order for a customer by customerId", async () => {
    const dispatcher = await stack.userWithRole("DISPATCHER");
    const order = await createOrder(stack, { customerId: customer.id }, dispatcher.headers);
    expect(order.customer).toEqual({ id: customer.id });
  });

  it.each<[string, string, OrderItemInput[]]>([
    ["3 × 0.10", "0.30", [item({ quantity: 3, unitPrice: "0.10" })]],
    [
      "7 × 19.99 + 1 × 0.01",
      "139.94",
      [item({ quantity: 7, unitPrice: "19.99" }), item({ sku: "PENNY", quantity: 1, unitPrice: "0.01" })],
    ],
    ["10 × 0.1", "1.00", [item({ quantity: 10, unitPrice: "0.1" })]],
    ["2 × 5", "10.00", [item({ quantity: 2, unitPrice: "5" })]],
    [
      "1 × 0 + 3 × 0.33",
      "0.99",
      [item({ unitPrice: "0" }), item({ sku: "X-2", quantity: 3, unitPrice: "0.33" })],
    ],
    ["9999 × 99999999.99", "999899999900.01", [item({ quantity: 9999, unitPrice: "99999999.99" })]],
    [
      "100 items of 3 × 0.01",
      "3.00",
      Array.from({ length: 100 }, (_, i) => item({ sku: `S-${i}`, quantity: 3, unitPrice: "0.01" })),
    ],
  ])("computes the total exactly: %s = %s", async (_name, total, items) => {
    const order = await createOrder(stack, { customerId: customer.id, items });
    expect(order.total).toBe(total);
    const read = await stack.graphql(ORDER, { id: order.id });
    expect(dataOf<CreatedOrder>(read, "order").total).toBe(total);
  });

  it("shows unit prices with two decimals", async () => {
    const order = await createOrder(stack, {
      customerId: customer.id,
      items: [
        item({ unitPrice: "5" }),
        item({ sku: "B", unitPrice: "0.1" }),
        item({ sku: "C", unitPrice: "12.34" }),
      ],
    });
    expect(order.items.map((line) => line.unitPrice)).toEqual(["5.00", "0.10", "12.34"]);
  });

  it("refuses a total in the input: it is always computed", async () => {
    const before = await countOrderRows(stack);
    const response = await stack.graphql(
      `mutation ($customerId: ID!) {
        createOrder(input: { customerId: $customerId, total: "0.01", items: [{ sku: "A", description: "A", quantity: 1, unitPrice: "500" }] }) { total }
      }`,
      { customerId: customer.id },
    );
    expect(firstError(response).code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(firstError(response).message).toContain("total");
    expect(await countOrderRows(stack)).toEqual(before);
  });

  it("keeps the items in the order they were given, on create and on read", async () => {
    const skus = ["ZED-9", "ALPHA-1", "MID-5", "BRAVO-2", "YANKEE-8", "CHARLIE-3", "X-0", "A-0", "Q-7"];
    const items = skus.map((sku, i) => item({ sku, description: `Line ${i}`, quantity: i + 1 }));
    const order = await createOrder(stack, { customerId: customer.id, items });
    expect(order.items).toEqual(items);
    const read = await stack.graphql(ORDER, { id: order.id });
    expect(dataOf<CreatedOrder>(read, "order").items).toEqual(items);
  });
});

describe("reading an order", () => {
  it("reads an order back by id, with its customer resolved by the users subgraph", async () => {
    const order = await createOrder(stack, {
      customerId: customer.id,
      items: [item({ sku: "TAPE-48", description: "Packing tape", quantity: 12, unitPrice: "1.35" })],
    });
    const usersCallsBefore = stack.subgraphCalls.users.length;
    const response = await stack.graphql(ORDER, { id: order.id });
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.order).toEqual({
      ...order,
      total: "16.20",
      customer: { id: customer.id, email: customer.email, name: "Carla Customer" },
    });
    expect(stack.subgraphCalls.users.length - usersCallsBefore).toBe(1);
  });

  it("finds an order by its id in upper case too", async () => {
    const order = await createOrder(stack, { customerId: customer.id });
    const response = await stack.graphql(ORDER, { id: order.id.toUpperCase() });
    expect(dataOf<CreatedOrder>(response, "order").number).toBe(order.number);
  });

  it("answers null for an unknown id", async () => {
    const response = await stack.graphql(ORDER, { id: "00000000-0000-4000-8000-000000000000" });
    expect(response.body).toEqual({ data: { order: null } });
  });

  it.each([["1 OR 1=1"], ["ORD-000001"], [""]])(
    "refuses an id that is not a UUID (%j) with BAD_USER_INPUT naming id",
    async (id) => {
      const response = await stack.graphql(ORDER, { id });
      expect(firstError(response)).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
    },
  );
});

describe("refusing bad orders", () => {
  const valid = () => [item(), item({ sku: "SECOND", description: "Second line" })];
  const withSecond = (override: Partial<OrderItemInput>) => [item(), item({ sku: "SECOND", ...override })];
  const withFirst = (override: Partial<OrderItemInput>) => [item(override), item({ sku: "SECOND" })];

  it.each<[string, string, OrderItemInput[]]>([
    ["no items", "input.items", []],
    ["101 items", "input.items", Array.from({ length: 101 }, (_, i) => item({ sku: `S-${i}` }))],
    ["quantity 0", "input.items[1].quantity", withSecond({ quantity: 0 })],
    ["quantity -1", "input.items[1].quantity", withSecond({ quantity: -1 })],
    ["quantity 100001", "input.items[1].quantity", withSecond({ quantity: 100_001 })],
    ["unitPrice 1.234", "input.items[0].unitPrice", withFirst({ unitPrice: "1.234" })],
    ["unitPrice -1", "input.items[0].unitPrice", withFirst({ unitPrice: "-1" })],
    ["unitPrice 1e3", "input.items[0].unitPrice", withFirst({ unitPrice: "1e3" })],
    ["unitPrice abc", "input.items[0].unitPrice", withFirst({ unitPrice: "abc" })],
    ["unitPrice 0.1.0", "input.items[0].unitPrice", withFirst({ unitPrice: "0.1.0" })],
    ["unitPrice empty", "input.items[0].unitPrice", withFirst({ unitPrice: "" })],
    ["unitPrice 100000000", "input.items[0].unitPrice", withFirst({ unitPrice: "100000000" })],
    ["unitPrice with spaces", "input.items[0].unitPrice", withFirst({ unitPrice: " 1.00" })],
    ["blank description", "input.items[0].description", withFirst({ description: "   " })],
    ["empty description", "input.items[0].description", withFirst({ description: "" })],
    ["501-character description", "input.items[0].description", withFirst({ description: "d".repeat(501) })],
    ["empty sku", "input.items[0].sku", withFirst({ sku: "" })],
    ["sku with a space", "input.items[0].sku", withFirst({ sku: "BOX M" })],
    ["sku starting with a dash", "input.items[0].sku", withFirst({ sku: "-BOX" })],
    ["sku of 65 characters", "input.items[0].sku", withFirst({ sku: "S".repeat(65) })],
    ["sku with a quote", "input.items[0].sku", withFirst({ sku: "BOX'--" })],
  ])("refuses %s with BAD_USER_INPUT naming %s, and writes nothing", async (_name, field, items) => {
    const before = await countOrderRows(stack);
    const response = await stack.graphql(CREATE_ORDER, { input: { customerId: customer.id, items } });
    expect(firstError(response)).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(firstError(response).message).toContain(field);
    expect(response.body.data).toEqual({ createOrder: null });
    expect(await countOrderRows(stack)).toEqual(before);
  });

  it("refuses items adding up to more than the largest total, and writes nothing", async () => {
    const before = await countOrderRows(stack);
    const items = Array.from({ length: 100 }, (_, i) =>
      item({ sku: `BIG-${i}`, quantity: 100_000, unitPrice: "99999999.99" }),
    );
    const response = await stack.graphql(CREATE_ORDER, { input: { customerId: customer.id, items } });
    expect(firstError(response)).toMatchObject({ code: "BAD_USER_INPUT", field: "input.items" });
    expect(await countOrderRows(stack)).toEqual(before);
  });

  it("refuses anonymous callers with UNAUTHENTICATED and writes nothing", async () => {
    const before = await countOrderRows(stack);
    const response = await stack.graphql(CREATE_ORDER, { input: { items: valid() } }, ANONYMOUS);
    expect(firstError(response).code).toBe("UNAUTHENTICATED");
    expect(await countOrderRows(stack)).toEqual(before);
  });

  it("refuses a customerId that is not a UUID, naming input.customerId", async () => {
    const before = await countOrderRows(stack);
    const response = await stack.graphql(CREATE_ORDER, {
      input: { customerId: "customer-1", items: valid() },
    });
    expect(firstError(response)).toMatchObject({ code: "BAD_USER_INPUT", field: "input.customerId" });
    expect(await countOrderRows(stack)).toEqual(before);
  });

  it("keeps listing orders whose customer was deleted, with customer null instead of a lost listing", async () => {
    const gone = await createUser(stack, { name: "Gone Soon" });
    const order = await createOrder(stack, { customerId: gone.id });
    await stack.graphql("mutation ($id: ID!) { deleteUser(id: $id) }", { id: gone.id });
    const listing = await stack.graphql(
      "{ orders(first: 100) { edges { node { id customer { email } } } } }",
    );
    expect(listing.body.errors).toBeUndefined();
    const edges = dataOf<{ edges: Array<{ node: { id: string; customer: { email: string } | null } }> }>(
      listing,
      "orders",
    ).edges;
    expect(edges.find((edge) => edge.node.id === order.id)?.node.customer).toBeNull();
    expect(edges.some((edge) => edge.node.customer?.email === customer.email)).toBe(true);
  });
});
