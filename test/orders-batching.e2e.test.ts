import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrder, item, type SqlStatement, watchSql } from "./support/orders.js";
import { startStack, type TestStack } from "./support/stack.js";
import { type CreatedUser, createUser } from "./support/users.js";

interface Expected {
  id: string;
  number: string;
  customer: CreatedUser;
  skus: string[];
  total: string;
}

let stack: TestStack;
let customers: CreatedUser[];
let ordersSql: ReturnType<typeof watchSql>;
let usersSql: ReturnType<typeof watchSql>;
/** All orders, oldest first. */
const created: Expected[] = [];
/** 1 + 3 + ... + 19 = 100 orders over ten customers; two more users have none. */
const ORDERS_PER_CUSTOMER = [1, 3, 5, 7, 9, 11, 13, 15, 17, 19];

beforeAll(async () => {
  stack = await startStack();
  customers = [];
  for (let i = 0; i < ORDERS_PER_CUSTOMER.length + 2; i += 1) {
    customers.push(await createUser(stack, { name: `Customer ${i}` }));
  }
  // Round robin, so each customer's orders are spread over the whole number range.
  for (let round = 0; round < 19; round += 1) {
    for (const [index, count] of ORDERS_PER_CUSTOMER.entries()) {
      if (round >= count) continue;
      const customer = customers[index] as CreatedUser;
      const lines = 1 + (round % 3);
      const items = Array.from({ length: lines }, (_, line) =>
        item({ sku: `C${index}-R${round}-L${line}`, quantity: line + 1, unitPrice: "0.10" }),
      );
      const order = await createOrder(stack, { customerId: customer.id, items });
      created.push({
        id: order.id,
        number: order.number,
        customer,
        skus: items.map((line) => line.sku),
        total: order.total,
      });
    }
  }
  ordersSql = watchSql(stack.orders.prisma);
  usersSql = watchSql(stack.users.prisma);
});
afterAll(() => stack?.close());

const ofCustomer = (customer: { id: string }) => created.filter((order) => order.customer.id === customer.id);
const newestFirst = (orders: readonly Expected[]) => [...orders].reverse();

/**
 * The users subgraph authenticates every request that carries a token before any resolver runs: it
 * loads the caller's session, then (its `include: { user: true }`) the caller's row by id. Those two
 * statements per users request are the price of authentication, not of the query being measured.
 */
function isViewerLookup(statement: SqlStatement): boolean {
  if (statement.query.includes('FROM "public"."Session"')) return true;
  return (
    /WHERE "public"\."User"\."id" = \$1 /.test(statement.query) && statement.params[0] === stack.admin.id
  );
}

/** What one gateway request cost: fetches per subgraph and SQL statements per database. */
async function measure(query: string) {
  const calls = { users: stack.subgraphCalls.users.length, orders: stack.subgraphCalls.orders.length };
  const marks = { orders: ordersSql.mark(), users: usersSql.mark() };
  const response = await stack.graphql(query);
  expect(response.body.errors).toBeUndefined();
  const ordersStatements = ordersSql.since(marks.orders);
  const usersStatements = usersSql.since(marks.users);
  return {
    data: response.body.data as Record<string, unknown>,
    fetches: {
      users: stack.subgraphCalls.users.length - calls.users,
      orders: stack.subgraphCalls.orders.length - calls.orders,
    },
    sql: {
      users: usersStatements,
      /** Authenticating the caller: a Session and a User statement per users-subgraph request. */
      viewerLookups: usersStatements.filter(isViewerLookup),
      /** User statements the query itself cost, the viewer lookups left out. */
      usersTable: usersStatements
        .filter(({ query }) => query.includes('"User"'))
        .filter((sql) => !isViewerLookup(sql)),
      orders: ordersStatements,
      ordersTable: ordersStatements.filter(
        ({ query }) => query.includes('"Order"') && !/\bCOUNT\(/i.test(query),
      ),
      orderCounts: ordersStatements.filter(
        ({ query }) => query.includes('"Order"') && /\bCOUNT\(/i.test(query),
      ),
      itemsTable: ordersStatements.filter(({ query }) => query.includes('"OrderItem"')),
    },
  };
}

describe("100 orders with their items and customers", () => {
  it("cost one users fetch, one users SQL, one orders SQL and one items SQL", async () => {
    expect(created).toHaveLength(100);
    const { data, fetches, sql } = await measure(
      "{ orders(first: 100) { edges { node { number total items { sku } customer { email name } } } } }",
    );

    const nodes = (
      data.orders as {
        edges: Array<{
          node: {
            number: string;
            total: string;
            items: Array<{ sku: string }>;
            customer: { email: string; name: string };
          };
        }>;
      }
    ).edges.map((edge) => edge.node);
    expect(nodes).toEqual(
      newestFirst(created).map((order) => ({
        number: order.number,
        total: order.total,
        items: order.skus.map((sku) => ({ sku })),
        customer: { email: order.customer.email, name: order.customer.name },
      })),
    );

    expect(fetches).toEqual({ users: 1, orders: 1 });
    // The one users request authenticates (Session, then the caller's User row), then loads all the
    // customers in one batch; nothing else runs on the users database.
    expect(sql.viewerLookups).toHaveLength(2);
    expect(sql.usersTable).toHaveLength(1);
    expect(sql.users).toHaveLength(3);
    expect(sql.ordersTable).toHaveLength(1);
    expect(sql.itemsTable).toHaveLength(1);
    expect(sql.orders).toHaveLength(2);
  });
});

describe("users with their first five orders", () => {
  interface UserNode {
    email: string;
    orders: { totalCount: number; edges: Array<{ node: { number: string; items: Array<{ sku: string }> } }> };
  }

  it.each([2, 6, 12])(
    "costs one orders fetch and three orders SQL statements for %i users",
    async (userCount) => {
      const { data, fetches, sql } = await measure(
        `{ users(first: ${userCount}) { edges { node { email orders(first: 5) { totalCount edges { node { number items { sku } } } } } } } }`,
      );

      const users = (data.users as { edges: Array<{ node: UserNode }> }).edges.map((edge) => edge.node);
      // The stack's ADMIN was created before the customers, so it comes first; it has no orders.
      const listed = [{ id: stack.admin.id, email: stack.admin.email }, ...customers];
      expect(users).toEqual(
        listed.slice(0, userCount).map((customer) => {
          const theirs = newestFirst(ofCustomer(customer));
          return {
            email: customer.email,
            orders: {
              totalCount: theirs.length,
              edges: theirs.slice(0, 5).map((order) => ({
                node: { number: order.number, items: order.skus.map((sku) => ({ sku })) },
              })),
            },
          };
        }),
      );

      expect(fetches).toEqual({ users: 1, orders: 1 });
      expect(sql.ordersTable).toHaveLength(1);
      expect(sql.itemsTable).toHaveLength(1);
      expect(sql.orderCounts).toHaveLength(1);
      expect(sql.orders).toHaveLength(3);
    },
  );
});

describe("one user's orders with the customer of each", () => {
  it("returns consistent data: every order is the user's, newest first, with its status and total", async () => {
    const customer = customers[6] as CreatedUser;
    const theirs = newestFirst(ofCustomer(customer));
    const [newest, second] = theirs as [Expected, Expected];
    const move =
      "mutation ($id: ID!, $status: OrderStatus!) { updateOrderStatus(id: $id, status: $status) { status } }";
    expect(
      (await stack.graphql("mutation ($id: ID!) { cancelOrder(id: $id) { status } }", { id: newest.id }))
        .body,
    ).toEqual({ data: { cancelOrder: { status: "CANCELLED" } } });
    expect((await stack.graphql(move, { id: second.id, status: "CONFIRMED" })).body).toEqual({
      data: { updateOrderStatus: { status: "CONFIRMED" } },
    });
    const statusOf = (order: Expected) =>
      order === newest ? "CANCELLED" : order === second ? "CONFIRMED" : "PENDING";

    const { data, fetches, sql } = await measure(
      `{ user(id: "${customer.id}") { email orders { edges { node { number status total customer { email } } } } } }`,
    );

    expect(data.user).toEqual({
      email: customer.email,
      orders: {
        edges: theirs.map((order) => ({
          node: {
            number: order.number,
            status: statusOf(order),
            total: order.total,
            customer: { email: customer.email },
          },
        })),
      },
    });
    expect(theirs).toHaveLength(13);
    // user(id), then the customer of all 13 orders in one batch; each of the two users requests also
    // authenticates the caller (Session, then User).
    expect(fetches).toEqual({ users: 2, orders: 1 });
    expect(sql.viewerLookups).toHaveLength(4);
    expect(sql.usersTable).toHaveLength(2);
    expect(sql.users).toHaveLength(6);
    expect(sql.ordersTable).toHaveLength(1);
  });
});
