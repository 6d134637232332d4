import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asCaller, CREATE_ORDER, countOrderRows, item } from "./support/orders.js";
import { firstError, startStack, type TestStack } from "./support/stack.js";

let stack: TestStack;
let customer: { id: string; email: string };
let orderId: string;
beforeAll(async () => {
  stack = await startStack({ mode: "production", seed: true });
  // Production refuses every mutation, so the data is written the way a migration or import would.
  customer = await stack.users.prisma.user.findFirstOrThrow({ select: { id: true, email: true } });
  const order = await stack.orders.prisma.order.create({
    data: {
      customerId: customer.id,
      total: "25.00",
      items: {
        create: [
          { position: 0, sku: "PAL-EUR-1200", description: "Euro pallet", quantity: 2, unitPrice: "12.50" },
        ],
      },
    },
  });
  orderId = order.id;
});
afterAll(() => stack?.close());

describe("orders in production mode before authentication lands", () => {
  it("serves order queries, customers included", async () => {
    const response = await stack.graphql(
      `query ($id: ID!, $customerId: ID!) {
        order(id: $id) { number status total items { sku quantity unitPrice } customer { email } }
        orders(first: 10) { totalCount edges { node { number } } }
        user(id: $customerId) { orders { totalCount edges { node { number } } } }
      }`,
      { id: orderId, customerId: customer.id },
    );
    expect(response.body).toEqual({
      data: {
        order: {
          number: "ORD-000001",
          status: "PENDING",
          total: "25.00",
          items: [{ sku: "PAL-EUR-1200", quantity: 2, unitPrice: "12.50" }],
          customer: { email: customer.email },
        },
        orders: { totalCount: 1, edges: [{ node: { number: "ORD-000001" } }] },
        user: { orders: { totalCount: 1, edges: [{ node: { number: "ORD-000001" } }] } },
      },
    });
  });

  it("refuses createOrder with FORBIDDEN, for a named customer or a claimed caller, and writes nothing", async () => {
    const before = await countOrderRows(stack);
    const forCustomer = await stack.graphql(CREATE_ORDER, {
      input: { customerId: customer.id, items: [item()] },
    });
    expect(firstError(forCustomer).code).toBe("FORBIDDEN");
    expect(forCustomer.body.data).toEqual({ createOrder: null });
    const asClaimedCaller = await stack.graphql(
      CREATE_ORDER,
      { input: { items: [item()] } },
      asCaller(customer.id),
    );
    expect(firstError(asClaimedCaller).code).toBe("FORBIDDEN");
    expect(await countOrderRows(stack)).toEqual(before);
  });

  it.each([
    ["updateOrderStatus", "mutation ($id: ID!) { updateOrderStatus(id: $id, status: CONFIRMED) { status } }"],
    ["cancelOrder", "mutation ($id: ID!) { cancelOrder(id: $id) { status } }"],
  ])("refuses %s with FORBIDDEN and leaves the order as it was", async (_name, mutation) => {
    const before = await stack.orders.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    const response = await stack.graphql(mutation, { id: orderId }, asCaller(customer.id));
    expect(firstError(response).code).toBe("FORBIDDEN");
    const after = await stack.orders.prisma.order.findUniqueOrThrow({ where: { id: orderId } });
    expect(after).toEqual(before);
    expect(after.status).toBe("PENDING");
  });

  it("answers FORBIDDEN before looking at the arguments", async () => {
    const response = await stack.graphql('mutation { cancelOrder(id: "not-a-uuid") { status } }');
    expect(firstError(response).code).toBe("FORBIDDEN");
  });
});
