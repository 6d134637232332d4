import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREATE_ORDER, createOrder, dataOf, item } from "./support/orders.js";
import { ANONYMOUS, type GraphQLResponse, startStack, type TestStack } from "./support/stack.js";

type Signed = Awaited<ReturnType<TestStack["userWithRole"]>>;
let stack: TestStack;
let customer: Signed;
let otherCustomer: Signed;
let manager: Signed;
let dispatcher: Signed;
let driver: Signed;
let ownOrder: string;
let othersOrder: string;

beforeAll(async () => {
  stack = await startStack();
  [customer, otherCustomer, manager, dispatcher, driver] = [
    await stack.userWithRole("CUSTOMER"),
    await stack.userWithRole("CUSTOMER"),
    await stack.userWithRole("MANAGER"),
    await stack.userWithRole("DISPATCHER"),
    await stack.userWithRole("DRIVER"),
  ];
  ownOrder = (await createOrder(stack, {}, customer.headers)).id;
  othersOrder = (await createOrder(stack, {}, otherCustomer.headers)).id;
});
afterAll(() => stack?.close());

const code = (response: GraphQLResponse) => response.body.errors?.[0]?.extensions?.code ?? "OK";
const USERS = "{ users(first: 100) { totalCount } }";
const STATS = "{ userStats { total } }";
const ORDERS = "{ orders(first: 100) { totalCount edges { node { id customer { id } } } } }";
const STATUS = "mutation ($id: ID!) { updateOrderStatus(id: $id, status: CONFIRMED) { status } }";
const NEW_USER = (role: string) =>
  `mutation { createUser(input: { email: "${role.toLowerCase()}-${Math.random()}@example.com", password: "Made-By-Test-1", name: "N", role: ${role} }) { role } }`;

describe("anonymous callers", () => {
  it.each([
    ["{ me { id } }"],
    [USERS],
    [ORDERS],
    ['{ order(id: "00000000-0000-4000-8000-000000000000") { id } }'],
  ])("get UNAUTHENTICATED for %s without reaching a subgraph", async (query) => {
    const before = stack.subgraphCalls.users.length + stack.subgraphCalls.orders.length;
    expect(code(await stack.graphql(query, {}, ANONYMOUS))).toBe("UNAUTHENTICATED");
    expect(stack.subgraphCalls.users.length + stack.subgraphCalls.orders.length).toBe(before);
  });
});

describe("a CUSTOMER", () => {
  it("sees themself but no one else, and no user lists or stats", async () => {
    const self = await stack.graphql(
      "query ($id: ID!) { user(id: $id) { email } }",
      { id: customer.user.id },
      customer.headers,
    );
    expect(self.body.data?.user).toEqual({ email: customer.user.email });
    const other = await stack.graphql(
      "query ($id: ID!) { user(id: $id) { email } }",
      { id: otherCustomer.user.id },
      customer.headers,
    );
    expect(code(other)).toBe("FORBIDDEN");
    expect(code(await stack.graphql(USERS, {}, customer.headers))).toBe("FORBIDDEN");
    expect(code(await stack.graphql(STATS, {}, customer.headers))).toBe("FORBIDDEN");
  });

  it("sees only their own orders", async () => {
    const listing = await stack.graphql(ORDERS, {}, customer.headers);
    const ids = dataOf<{ edges: Array<{ node: { id: string } }> }>(listing, "orders").edges;
    expect(ids.map((edge) => edge.node.id)).toEqual([ownOrder]);
    const theirs = await stack.graphql(
      "query ($id: ID!) { order(id: $id) { id } }",
      { id: othersOrder },
      customer.headers,
    );
    expect(theirs.body).toEqual({ data: { order: null } });
    const asFilter = await stack.graphql(
      "query ($c: ID!) { orders(first: 5, filter: { customerId: $c }) { totalCount } }",
      { c: otherCustomer.user.id },
      customer.headers,
    );
    expect(code(asFilter)).toBe("FORBIDDEN");
    const viaUser = await stack.graphql(
      "query ($id: ID!) { user(id: $id) { orders { totalCount } } }",
      { id: otherCustomer.user.id },
      customer.headers,
    );
    expect(code(viaUser)).toBe("FORBIDDEN");
  });

  it("orders only for themself, cancels only their own, and cannot move an order along", async () => {
    const forOther = await stack.graphql(
      CREATE_ORDER,
      { input: { customerId: otherCustomer.user.id, items: [item()] } },
      customer.headers,
    );
    expect(code(forOther)).toBe("FORBIDDEN");
    const cancelOthers = await stack.graphql(
      "mutation ($id: ID!) { cancelOrder(id: $id) { status } }",
      { id: othersOrder },
      customer.headers,
    );
    expect(["NOT_FOUND", "FORBIDDEN"]).toContain(code(cancelOthers));
    expect(code(await stack.graphql(STATUS, { id: ownOrder }, customer.headers))).toBe("FORBIDDEN");
    const mine = (await createOrder(stack, {}, customer.headers)).id;
    const cancelled = await stack.graphql(
      "mutation ($id: ID!) { cancelOrder(id: $id) { status } }",
      { id: mine },
      customer.headers,
    );
    expect(cancelled.body.data).toEqual({ cancelOrder: { status: "CANCELLED" } });
  });

  it("cannot create users or change roles", async () => {
    expect(code(await stack.graphql(NEW_USER("CUSTOMER"), {}, customer.headers))).toBe("FORBIDDEN");
    const promote = await stack.graphql(
      "mutation ($id: ID!) { assignRole(userId: $id, role: ADMIN) { role } }",
      { id: customer.user.id },
      customer.headers,
    );
    expect(code(promote)).toBe("FORBIDDEN");
  });
});

describe("staff", () => {
  it("DISPATCHER and DRIVER see all orders; DISPATCHER moves them along, DRIVER cannot", async () => {
    for (const who of [dispatcher, driver]) {
      const listing = await stack.graphql(ORDERS, {}, who.headers);
      expect(dataOf<{ totalCount: number }>(listing, "orders").totalCount).toBeGreaterThanOrEqual(2);
    }
    expect(code(await stack.graphql(STATUS, { id: othersOrder }, driver.headers))).toBe("FORBIDDEN");
    expect(code(await stack.graphql(STATUS, { id: othersOrder }, dispatcher.headers))).toBe("OK");
  });

  it("a MANAGER manages users and orders, but cannot make or touch ADMINs", async () => {
    expect(code(await stack.graphql(USERS, {}, manager.headers))).toBe("OK");
    expect(code(await stack.graphql(NEW_USER("DRIVER"), {}, manager.headers))).toBe("OK");
    expect(code(await stack.graphql(NEW_USER("ADMIN"), {}, manager.headers))).toBe("FORBIDDEN");
    const deleteAdmin = await stack.graphql(
      "mutation ($id: ID!) { deleteUser(id: $id) }",
      { id: stack.admin.id },
      manager.headers,
    );
    expect(code(deleteAdmin)).toBe("FORBIDDEN");
    const assign = await stack.graphql(
      "mutation ($id: ID!) { assignRole(userId: $id, role: MANAGER) { role } }",
      { id: driver.user.id },
      manager.headers,
    );
    expect(code(assign)).toBe("FORBIDDEN");
  });

  it("an ADMIN may do all of it", async () => {
    expect(code(await stack.graphql(NEW_USER("ADMIN")))).toBe("OK");
    expect(code(await stack.graphql(STATS))).toBe("OK");
    const assign = await stack.graphql(
      "mutation ($id: ID!) { assignRole(userId: $id, role: DRIVER) { role } }",
      {
        id: otherCustomer.user.id,
      },
    );
    expect(assign.body.data).toEqual({ assignRole: { role: "DRIVER" } });
  });
});

describe("forbidden fields hidden in fragments", () => {
  it("are found in named and inline fragments before any subgraph is called", async () => {
    const before = stack.subgraphCalls.users.length + stack.subgraphCalls.orders.length;
    const query = `query { me { id } ...Sneaky }
      fragment Sneaky on Query { ... on Query { userStats { total } } }`;
    expect(code(await stack.graphql(query, {}, customer.headers))).toBe("FORBIDDEN");
    expect(stack.subgraphCalls.users.length + stack.subgraphCalls.orders.length).toBe(before);
  });
});
