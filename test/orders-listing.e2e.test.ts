import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrder, dataOf, item } from "./support/orders.js";
import { firstError, startStack, type TestStack } from "./support/stack.js";
import { type CreatedUser, createUser } from "./support/users.js";

interface Row {
  id: string;
  number: string;
  customerId: string;
  status: string;
}

interface Page {
  edges: Array<{ cursor: string; node: { number: string; status: string; customer: { id: string } } }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

let stack: TestStack;
let ann: CreatedUser;
let bob: CreatedUser;
let cyd: CreatedUser;
let noOrders: CreatedUser;
/** Every order created in this file, oldest first. */
const all: Row[] = [];

async function addOrder(customer: CreatedUser): Promise<Row> {
  const order = await createOrder(stack, {
    customerId: customer.id,
    items: [item({ sku: `SKU-${all.length}` })],
  });
  const row = { id: order.id, number: order.number, customerId: customer.id, status: order.status };
  all.push(row);
  return row;
}

async function setStatus(row: Row, status: string): Promise<void> {
  const response = await stack.graphql(
    "mutation ($id: ID!, $status: OrderStatus!) { updateOrderStatus(id: $id, status: $status) { status } }",
    { id: row.id, status },
  );
  if (!response.body.data?.updateOrderStatus) throw new Error(JSON.stringify(response.body));
  row.status = status;
}

const newestFirst = (rows: readonly Row[]) => [...rows].reverse().map((row) => row.number);
const numbersOf = (page: Page) => page.edges.map((edge) => edge.node.number);

const ORDERS = `query ($first: Int, $after: String, $filter: OrderFilter) {
  orders(first: $first, after: $after, filter: $filter) {
    edges { cursor node { number status customer { id } } }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`;

async function page(variables: Record<string, unknown>): Promise<Page> {
  const response = await stack.graphql(ORDERS, variables);
  if (!response.body.data?.orders) throw new Error(JSON.stringify(response.body));
  return response.body.data.orders as Page;
}

/** Follows `endCursor` until the last page; checks the page invariants on the way. */
async function walk(
  read: (after: string | null) => Promise<Page>,
): Promise<{ numbers: string[]; pages: number }> {
  const numbers: string[] = [];
  let after: string | null = null;
  let pages = 0;
  do {
    const current: Page = await read(after);
    numbers.push(...numbersOf(current));
    expect(current.pageInfo.endCursor).toBe(current.edges.at(-1)?.cursor ?? null);
    after = current.pageInfo.hasNextPage ? current.pageInfo.endCursor : null;
    pages += 1;
  } while (after);
  return { numbers, pages };
}

beforeAll(async () => {
  stack = await startStack();
  ann = await createUser(stack, { name: "Ann" });
  bob = await createUser(stack, { name: "Bob" });
  cyd = await createUser(stack, { name: "Cyd" });
  noOrders = await createUser(stack, { name: "Nobody Orders" });
  // 24 orders, 8 each, interleaved so that no customer's orders are contiguous.
  for (let i = 0; i < 24; i += 1) await addOrder([ann, bob, cyd][i % 3] as CreatedUser);
  const [o1, o2, o3, , , o6, o7, , , o10, , , o13] = all as [Row, Row, Row, ...Row[]];
  for (const row of [o7, o10, o13] as Row[]) await setStatus(row, "CONFIRMED");
  await setStatus(o6 as Row, "CANCELLED");
  await setStatus(o13 as Row, "PICKING");
  // The three oldest orders get old creation dates, so newest first by number and by date agree.
  const dates = ["2020-01-01T00:00:00.000Z", "2021-06-01T00:00:00.000Z", "2022-01-01T00:00:00.000Z"];
  for (const [index, row] of [o1, o2, o3].entries()) {
    await stack.orders.prisma.order.update({
      where: { id: row.id },
      data: { createdAt: new Date(dates[index] as string) },
    });
  }
});
afterAll(() => stack?.close());

describe("listing orders", () => {
  it("lists orders newest first, 20 by default", async () => {
    const result = await page({});
    expect(result.totalCount).toBe(all.length);
    expect(numbersOf(result)).toEqual(newestFirst(all).slice(0, 20));
    expect(result.pageInfo.hasNextPage).toBe(true);
    const everything = await page({ first: 100 });
    expect(numbersOf(everything)).toEqual(newestFirst(all));
    expect(everything.pageInfo.hasNextPage).toBe(false);
  });

  it("walks every page with stable cursors, without gaps or repeats", async () => {
    const { numbers, pages } = await walk(async (after) => {
      const result = await page({ first: 5, after });
      expect(result.totalCount).toBe(all.length);
      return result;
    });
    expect(pages).toBe(Math.ceil(all.length / 5));
    expect(numbers).toEqual(newestFirst(all));
  });

  it("returns the same next page for a cursor after new orders are created", async () => {
    const first = await page({ first: 4 });
    const second = await page({ first: 4, after: first.pageInfo.endCursor });
    const added = await addOrder(bob);
    const again = await page({ first: 4, after: first.pageInfo.endCursor });
    expect(numbersOf(again)).toEqual(numbersOf(second));
    expect(again.totalCount).toBe(second.totalCount + 1);
    expect(numbersOf(await page({ first: 1 }))).toEqual([added.number]);
  });

  it("answers an empty page for first: 0, with the count", async () => {
    const result = await page({ first: 0 });
    expect(result).toEqual({
      edges: [],
      pageInfo: { hasNextPage: true, endCursor: null },
      totalCount: all.length,
    });
  });
});

describe("filtering orders", () => {
  it("filters by status", async () => {
    for (const status of ["CONFIRMED", "CANCELLED", "PICKING", "PENDING", "DELIVERED"]) {
      const result = await page({ first: 100, filter: { status } });
      const expected = all.filter((row) => row.status === status);
      expect(numbersOf(result)).toEqual(newestFirst(expected));
      expect(result.totalCount).toBe(expected.length);
      expect(new Set(result.edges.map((edge) => edge.node.status))).toEqual(
        new Set(expected.length > 0 ? [status] : []),
      );
    }
  });

  it("filters by customer, and pages within the filter", async () => {
    const expected = all.filter((row) => row.customerId === ann.id);
    const result = await page({ first: 100, filter: { customerId: ann.id } });
    expect(numbersOf(result)).toEqual(newestFirst(expected));
    expect(result.totalCount).toBe(expected.length);
    expect(new Set(result.edges.map((edge) => edge.node.customer.id))).toEqual(new Set([ann.id]));
    const walked = await walk(async (after) => {
      // 4 divides Ann's 8 orders: the last full page must not claim a next one.
      const current = await page({ first: 4, after, filter: { customerId: ann.id } });
      expect(current.totalCount).toBe(expected.length);
      return current;
    });
    expect(walked).toEqual({ numbers: newestFirst(expected), pages: 2 });
    expect((await page({ filter: { customerId: noOrders.id } })).totalCount).toBe(0);
  });

  it("combines status and customer", async () => {
    const expected = all.filter((row) => row.customerId === ann.id && row.status === "CONFIRMED");
    expect(expected.length).toBeGreaterThan(0);
    const result = await page({ first: 100, filter: { customerId: ann.id, status: "CONFIRMED" } });
    expect(numbersOf(result)).toEqual(newestFirst(expected));
    expect(result.totalCount).toBe(expected.length);
  });

  it("filters by creation date: createdAfter is inclusive, createdBefore exclusive", async () => {
    const [o1, o2, o3] = all as [Row, Row, Row];
    const recent = all.slice(3);
    const numbers = async (filter: Record<string, string>) => {
      const result = await page({ first: 100, filter });
      expect(result.totalCount).toBe(result.edges.length);
      return numbersOf(result);
    };
    expect(await numbers({ createdBefore: "2021-06-01T00:00:00.000Z" })).toEqual([o1.number]);
    expect(await numbers({ createdAfter: "2021-06-01T00:00:00.000Z" })).toEqual(
      newestFirst([o2, o3, ...recent]),
    );
    expect(
      await numbers({ createdAfter: "2020-06-01T00:00:00Z", createdBefore: "2022-01-01T00:00:00Z" }),
    ).toEqual([o2.number]);
    // The same instant written with an offset.
    expect(
      await numbers({
        createdAfter: "2021-06-01T02:00:00+02:00",
        createdBefore: "2021-06-01T02:00:00.001+02:00",
      }),
    ).toEqual([o2.number]);
    expect(await numbers({ createdAfter: "2023-01-01T00:00:00Z", customerId: bob.id })).toEqual(
      newestFirst(recent.filter((row) => row.customerId === bob.id)),
    );
  });
});

describe("refusing bad listing arguments", () => {
  it.each([[101], [-1]])("refuses first: %d with BAD_USER_INPUT naming first", async (first) => {
    expect(firstError(await stack.graphql(ORDERS, { first }))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "first",
    });
  });

  it("refuses a forged cursor, and a users cursor, naming after", async () => {
    expect(firstError(await stack.graphql(ORDERS, { after: "bm90LWEtY3Vyc29y" }))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "after",
    });
    const users = await stack.graphql("{ users(first: 1) { edges { cursor } } }");
    const usersCursor = dataOf<{ edges: Array<{ cursor: string }> }>(users, "users").edges[0]?.cursor;
    expect(usersCursor).toBeTypeOf("string");
    expect(firstError(await stack.graphql(ORDERS, { after: usersCursor }))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "after",
    });
  });

  it.each([
    ["filter.createdAfter", { createdAfter: "yesterday" }],
    ["filter.createdAfter", { createdAfter: "2024-13-45" }],
    ["filter.createdBefore", { createdBefore: "soon" }],
    ["filter.customerId", { customerId: "ann" }],
  ])("refuses a bad filter with BAD_USER_INPUT naming %s", async (field, filter) => {
    const response = await stack.graphql(ORDERS, { filter });
    expect(firstError(response)).toMatchObject({ code: "BAD_USER_INPUT", field });
    expect(firstError(response).message).toContain(field);
  });

  it("refuses dates that are not ISO-8601 instead of guessing what they mean", async () => {
    const guesses = ["1", "2024-02-30", "March 7, 2024", "12/31/2024"];
    const answers = [];
    for (const createdAfter of guesses) {
      const response = await stack.graphql(ORDERS, { filter: { createdAfter } });
      answers.push({ createdAfter, error: response.body.errors?.[0]?.extensions ?? null });
    }
    expect(answers).toEqual(
      guesses.map((createdAfter) => ({
        createdAfter,
        error: expect.objectContaining({ code: "BAD_USER_INPUT", field: "filter.createdAfter" }),
      })),
    );
  });
});

describe("a user's orders", () => {
  interface UserOrders {
    id: string;
    email: string;
    orders: { totalCount: number; edges: Array<{ node: { number: string } }> };
  }

  it("lists each user's orders newest first with their count, through users", async () => {
    const response = await stack.graphql(
      "{ users(first: 100) { edges { node { id email orders { totalCount edges { node { number } } } } } } }",
    );
    expect(response.body.errors).toBeUndefined();
    const users = dataOf<{ edges: Array<{ node: UserOrders }> }>(response, "users").edges.map(
      (edge) => edge.node,
    );
    // The stack's ADMIN (the caller) was created first; it has no orders, and is checked like the rest.
    expect(users.map((user) => user.email)).toEqual([
      stack.admin.email,
      ann.email,
      bob.email,
      cyd.email,
      noOrders.email,
    ]);
    for (const user of users) {
      const expected = all.filter((row) => row.customerId === user.id);
      expect(user.orders.totalCount).toBe(expected.length);
      expect(user.orders.edges.map((edge) => edge.node.number)).toEqual(newestFirst(expected));
    }
    expect(users.at(-1)?.orders).toEqual({ totalCount: 0, edges: [] });
  });

  it("filters a user's orders by status", async () => {
    const response = await stack.graphql(
      "query ($id: ID!) { user(id: $id) { orders(status: CONFIRMED) { totalCount edges { node { number status } } } } }",
      { id: ann.id },
    );
    const expected = all.filter((row) => row.customerId === ann.id && row.status === "CONFIRMED");
    expect(response.body.data?.user).toEqual({
      orders: {
        totalCount: expected.length,
        edges: [...expected].reverse().map((row) => ({ node: { number: row.number, status: "CONFIRMED" } })),
      },
    });
  });

  it("pages through one user's orders two at a time", async () => {
    const expected = all.filter((row) => row.customerId === cyd.id);
    const { numbers, pages } = await walk(async (after) => {
      const response = await stack.graphql(
        `query ($id: ID!, $after: String) {
          user(id: $id) {
            email
            orders(first: 2, after: $after) {
              edges { cursor node { number status customer { id } } }
              pageInfo { hasNextPage endCursor }
              totalCount
            }
          }
        }`,
        { id: cyd.id, after },
      );
      const user = dataOf<{ email: string; orders: Page }>(response, "user");
      expect(user.email).toBe(cyd.email);
      expect(user.orders.totalCount).toBe(expected.length);
      expect(user.orders.edges.length).toBeLessThanOrEqual(2);
      return user.orders;
    });
    expect(pages).toBe(Math.ceil(expected.length / 2));
    expect(numbers).toEqual(newestFirst(expected));
  });

  it("refuses bad page arguments on a user's orders, naming them", async () => {
    const query =
      "query ($id: ID!, $first: Int, $after: String) { user(id: $id) { orders(first: $first, after: $after) { totalCount } } }";
    expect(firstError(await stack.graphql(query, { id: ann.id, first: 101 }))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "first",
    });
    expect(firstError(await stack.graphql(query, { id: ann.id, after: "nope" }))).toMatchObject({
      code: "BAD_USER_INPUT",
      field: "after",
    });
  });
});
