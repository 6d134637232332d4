import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrder, dataOf } from "./support/orders.js";
import { firstError, type GraphQLResponse, startStack, type TestStack } from "./support/stack.js";
import { type CreatedUser, createUser } from "./support/users.js";

let stack: TestStack;
let customer: CreatedUser;
beforeAll(async () => {
  stack = await startStack();
  customer = await createUser(stack);
});
afterAll(() => stack?.close());

type Status = "PENDING" | "CONFIRMED" | "PICKING" | "SHIPPED" | "DELIVERED" | "CANCELLED";
const STATUSES: Status[] = ["PENDING", "CONFIRMED", "PICKING", "SHIPPED", "DELIVERED", "CANCELLED"];
const LEGAL: Record<Status, Status[]> = {
  PENDING: ["CONFIRMED", "CANCELLED"],
  CONFIRMED: ["PICKING", "CANCELLED"],
  PICKING: ["SHIPPED", "CANCELLED"],
  SHIPPED: ["DELIVERED"],
  DELIVERED: [],
  CANCELLED: [],
};
const ILLEGAL = STATUSES.flatMap((from) =>
  STATUSES.filter((to) => !LEGAL[from].includes(to)).map((to): [Status, Status] => [from, to]),
);

const UPDATE =
  "mutation ($id: ID!, $status: OrderStatus!) { updateOrderStatus(id: $id, status: $status) { id status updatedAt } }";
const CANCEL = "mutation ($id: ID!) { cancelOrder(id: $id) { id status updatedAt } }";
const STATUS = "query ($id: ID!) { order(id: $id) { status } }";
const UNKNOWN_ID = "00000000-0000-4000-8000-0000000000ff";

const moveTo = (id: string, status: Status) => stack.graphql(UPDATE, { id, status });
const cancel = (id: string) => stack.graphql(CANCEL, { id });

function movedStatus(response: GraphQLResponse, field: "updateOrderStatus" | "cancelOrder"): string {
  expect(response.body.errors).toBeUndefined();
  return dataOf<{ status: string }>(response, field).status;
}

async function statusOf(id: string): Promise<string> {
  const response = await stack.graphql(STATUS, { id });
  return dataOf<{ status: string }>(response, "order").status;
}

/** A new order already in `status`, put there directly so each case starts from one known state. */
async function orderIn(status: Status): Promise<string> {
  const order = await createOrder(stack, { customerId: customer.id });
  await stack.orders.prisma.order.update({ where: { id: order.id }, data: { status } });
  return order.id;
}

describe("legal status changes", () => {
  it("walks an order PENDING → CONFIRMED → PICKING → SHIPPED → DELIVERED", async () => {
    const order = await createOrder(stack, { customerId: customer.id });
    expect(order.status).toBe("PENDING");
    for (const next of ["CONFIRMED", "PICKING", "SHIPPED", "DELIVERED"] as const) {
      expect(movedStatus(await moveTo(order.id, next), "updateOrderStatus")).toBe(next);
      expect(await statusOf(order.id)).toBe(next);
    }
  });

  it.each(["PENDING", "CONFIRMED", "PICKING"] as const)("cancels an order that is %s", async (from) => {
    const order = await createOrder(stack, { customerId: customer.id });
    for (const step of STATUSES.slice(1, STATUSES.indexOf(from) + 1)) {
      movedStatus(await moveTo(order.id, step), "updateOrderStatus");
    }
    expect(await statusOf(order.id)).toBe(from);
    expect(movedStatus(await cancel(order.id), "cancelOrder")).toBe("CANCELLED");
    expect(await statusOf(order.id)).toBe("CANCELLED");
  });

  it.each(STATUSES.flatMap((from) => LEGAL[from].map((to): [Status, Status] => [from, to])))(
    "allows updateOrderStatus from %s to %s",
    async (from, to) => {
      const id = await orderIn(from);
      expect(movedStatus(await moveTo(id, to), "updateOrderStatus")).toBe(to);
      expect(await statusOf(id)).toBe(to);
    },
  );

  it("moves updatedAt and keeps createdAt", async () => {
    const order = await createOrder(stack, { customerId: customer.id });
    const past = new Date("2020-01-01T00:00:00.000Z");
    await stack.orders.prisma.order.update({ where: { id: order.id }, data: { updatedAt: past } });
    const response = await moveTo(order.id, "CONFIRMED");
    const moved = dataOf<{ updatedAt: string }>(response, "updateOrderStatus");
    expect(Date.parse(moved.updatedAt)).toBeGreaterThan(past.getTime());
    const read = await stack.graphql("query ($id: ID!) { order(id: $id) { createdAt } }", { id: order.id });
    expect(read.body.data?.order).toEqual({ createdAt: order.createdAt });
  });
});

describe("illegal status changes", () => {
  it.each(ILLEGAL)(
    "refuses updateOrderStatus from %s to %s, naming both, and keeps the status",
    async (from, to) => {
      const id = await orderIn(from);
      const response = await moveTo(id, to);
      expect(firstError(response)).toMatchObject({ code: "BAD_USER_INPUT", field: "status" });
      expect(firstError(response).message).toContain(from);
      expect(firstError(response).message).toContain(to);
      expect(response.body.data).toEqual({ updateOrderStatus: null });
      expect(await statusOf(id)).toBe(from);
    },
  );

  it.each(["SHIPPED", "DELIVERED", "CANCELLED"] as const)(
    "refuses cancelOrder of an order that is %s, naming both states, and keeps the status",
    async (from) => {
      const id = await orderIn(from);
      const response = await cancel(id);
      expect(firstError(response).code).toBe("BAD_USER_INPUT");
      expect(firstError(response).message).toContain(from);
      expect(firstError(response).message).toContain("CANCELLED");
      expect(response.body.data).toEqual({ cancelOrder: null });
      expect(await statusOf(id)).toBe(from);
    },
  );

  it("lets exactly one of two dispatchers racing to ship and to cancel a PICKING order win", async () => {
    const id = await orderIn("PICKING");
    const [shipped, cancelled] = await Promise.all([moveTo(id, "SHIPPED"), cancel(id)]);
    const winners = [shipped.body.data?.updateOrderStatus, cancelled.body.data?.cancelOrder].filter(Boolean);
    expect(winners).toHaveLength(1);
    const loser = shipped.body.errors ? shipped : cancelled;
    expect(["BAD_USER_INPUT", "CONFLICT"]).toContain(firstError(loser).code);
    expect(await statusOf(id)).toBe((winners[0] as { status: string }).status);
  });

  it("confirms an order once when five requests confirm it at the same time", async () => {
    const id = await orderIn("PENDING");
    const responses = await Promise.all(Array.from({ length: 5 }, () => moveTo(id, "CONFIRMED")));
    expect(responses.filter((response) => response.body.data?.updateOrderStatus)).toHaveLength(1);
    for (const response of responses.filter((candidate) => candidate.body.errors)) {
      expect(["BAD_USER_INPUT", "CONFLICT"]).toContain(firstError(response).code);
    }
    expect(await statusOf(id)).toBe("CONFIRMED");
  });
});

describe("unknown orders and values", () => {
  it("answers NOT_FOUND naming id for an order that does not exist", async () => {
    expect(firstError(await moveTo(UNKNOWN_ID, "CONFIRMED"))).toMatchObject({
      code: "NOT_FOUND",
      field: "id",
    });
    expect(firstError(await cancel(UNKNOWN_ID))).toMatchObject({ code: "NOT_FOUND", field: "id" });
  });

  it("refuses an id that is not a UUID with BAD_USER_INPUT naming id", async () => {
    expect(firstError(await moveTo("42", "CONFIRMED"))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "id",
    });
    expect(firstError(await cancel("ORD-000001"))).toMatchObject({ code: "BAD_USER_INPUT", field: "id" });
  });

  it("refuses a status the schema does not know before it reaches the orders subgraph", async () => {
    const id = await orderIn("PENDING");
    const callsBefore = stack.subgraphCalls.orders.length;
    const response = await stack.graphql(
      `mutation { updateOrderStatus(id: "${id}", status: LOST) { status } }`,
    );
    expect(firstError(response).code).toBe("GRAPHQL_VALIDATION_FAILED");
    expect(firstError(response).message).toContain("LOST");
    expect(stack.subgraphCalls.orders.length).toBe(callsBefore);
    expect(await statusOf(id)).toBe("PENDING");
  });
});
