import type { GraphQLResponse, TestStack } from "./stack.js";

export const ORDER_FIELDS =
  "id number status total createdAt updatedAt items { sku description quantity unitPrice } customer { id }";

export interface OrderItemInput {
  sku: string;
  description: string;
  quantity: number;
  unitPrice: string;
}

export interface CreatedOrder {
  id: string;
  number: string;
  status: string;
  total: string;
  createdAt: string;
  updatedAt: string;
  items: OrderItemInput[];
  customer: { id: string };
}

export const CREATE_ORDER = `mutation ($input: CreateOrderInput!) { createOrder(input: $input) { ${ORDER_FIELDS} } }`;

/** One valid item; override what the test is about. */
export function item(overrides: Partial<OrderItemInput> = {}): OrderItemInput {
  return { sku: "BOX-M", description: "Carton box, medium", quantity: 1, unitPrice: "1.00", ...overrides };
}

/** `ORD-000042` for 42. */
export function orderNumber(sequence: number): string {
  return `ORD-${String(sequence).padStart(6, "0")}`;
}

/** Creates an order through the gateway and fails the test loudly if that did not work. */
export async function createOrder(
  stack: TestStack,
  input: { customerId?: string; items?: OrderItemInput[] },
  headers: Record<string, string> = {},
): Promise<CreatedOrder> {
  const response = await stack.graphql(CREATE_ORDER, { input: { items: [item()], ...input } }, headers);
  const order = response.body.data?.createOrder as CreatedOrder | undefined;
  if (!order) throw new Error(`createOrder failed: ${JSON.stringify(response.body)}`);
  return order;
}

/** `data[name]` of a response; a missing or null value fails with the whole body, errors included. */
export function dataOf<T>(response: GraphQLResponse, name: string): T {
  const value = response.body.data?.[name];
  if (value === undefined || value === null) {
    throw new Error(`expected data.${name}, got ${JSON.stringify(response.body)}`);
  }
  return value as T;
}

/** Rows in the orders database, to prove a refused mutation wrote nothing. */
export async function countOrderRows(stack: TestStack): Promise<{ orders: number; items: number }> {
  const [orders, items] = await Promise.all([
    stack.orders.prisma.order.count(),
    stack.orders.prisma.orderItem.count(),
  ]);
  return { orders, items };
}

/** One SQL statement a Prisma client ran, with its bound parameters. */
export interface SqlStatement {
  query: string;
  params: unknown[];
}

interface EmitsQueries {
  $on(event: "query", listener: (event: { query: string; params: string }) => void): void;
}

/**
 * Every SQL statement a subgraph's Prisma client runs from now on. Prisma cannot remove a listener,
 * so each test watches once and reads `since(mark)` around the request it measures.
 */
export function watchSql(prisma: EmitsQueries) {
  const statements: SqlStatement[] = [];
  prisma.$on("query", (event) =>
    statements.push({ query: event.query, params: JSON.parse(event.params) as unknown[] }),
  );
  return {
    mark: () => statements.length,
    since: (mark: number) => statements.slice(mark),
  };
}
