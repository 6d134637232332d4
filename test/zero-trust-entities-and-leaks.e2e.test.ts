import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrder, dataOf } from "./support/orders.js";
import {
  ANONYMOUS,
  type GraphQLResponse,
  signedSubgraphRequest,
  startStack,
  type TestStack,
} from "./support/stack.js";

type Signed = Awaited<ReturnType<TestStack["userWithRole"]>>;
let stack: TestStack;
let customer: Signed;
let otherCustomer: Signed;
let driver: Signed;
let dispatcher: Signed;
let manager: Signed;
let customersOrder: string;

beforeAll(async () => {
  stack = await startStack({ mode: "production" });
  [customer, otherCustomer, driver, dispatcher, manager] = [
    await stack.userWithRole("CUSTOMER"),
    await stack.userWithRole("CUSTOMER"),
    await stack.userWithRole("DRIVER"),
    await stack.userWithRole("DISPATCHER"),
    await stack.userWithRole("MANAGER"),
  ];
  customersOrder = (await createOrder(stack, {}, customer.headers)).id;
});
afterAll(() => stack?.close());

const codes = (response: GraphQLResponse) =>
  (response.body.errors ?? []).map((error) => error.extensions?.code);
const ORDER_CUSTOMER = (fields: string) =>
  `query ($id: ID!) { order(id: $id) { id customer { ${fields} } } }`;
const ENTITIES = (fragment: string) =>
  `query ($r: [_Any!]!) { _entities(representations: $r) { ${fragment} } }`;

describe("a customer reached through an order", () => {
  it("shows a DRIVER the delivery contact (name, email) and nothing else of them", async () => {
    const contact = await stack.graphql(
      ORDER_CUSTOMER("id name email"),
      { id: customersOrder },
      driver.headers,
    );
    expect(dataOf<{ customer: unknown }>(contact, "order").customer).toEqual({
      id: customer.user.id,
      name: expect.stringMatching(/^CUSTOMER /),
      email: customer.user.email,
    });
    for (const field of ["role", "permissions", "emailVerified", "createdAt"]) {
      const response = await stack.graphql(
        ORDER_CUSTOMER(`id ${field}`),
        { id: customersOrder },
        driver.headers,
      );
      expect(response.body.data, field).toEqual({ order: { id: customersOrder, customer: null } });
      expect(codes(response), field).toEqual(["FORBIDDEN"]);
      expect(JSON.stringify(response.body), field).not.toContain("CUSTOMER");
      expect(JSON.stringify(response.body), field).not.toContain("orders:write");
    }
  });

  it("shows the whole customer to ADMIN, MANAGER and DISPATCHER, and to the customer themself", async () => {
    for (const who of [stack.admin, manager, dispatcher, customer]) {
      const response = await stack.graphql(
        ORDER_CUSTOMER("email role permissions"),
        { id: customersOrder },
        who.headers,
      );
      expect(dataOf<{ customer: unknown }>(response, "order").customer).toEqual({
        email: customer.user.email,
        role: "CUSTOMER",
        permissions: ["orders:read", "orders:write"],
      });
    }
  });
});

// With the gateway's proof, so what is tested is the reference resolvers' own rule, whatever query
// plan (or compromised signing key) asks them.
describe("reference resolvers called directly with any selection", () => {
  it("the users subgraph gives a DRIVER no one's role, and a CUSTOMER nothing of another user but the id", async () => {
    const admin = [{ __typename: "User", id: stack.admin.id }];
    const asDriver = await signedSubgraphRequest(
      stack,
      "users",
      ENTITIES("... on User { id role }"),
      { r: admin },
      { headers: driver.headers },
    );
    expect(asDriver.body.data).toEqual({ _entities: [null] });
    expect(codes(asDriver)).toEqual(["FORBIDDEN"]);

    const other = [{ __typename: "User", id: otherCustomer.user.id }];
    const asCustomer = await signedSubgraphRequest(
      stack,
      "users",
      ENTITIES("... on User { id email name }"),
      { r: other },
      { headers: customer.headers },
    );
    expect(codes(asCustomer)).toEqual(["FORBIDDEN"]);
    expect(JSON.stringify(asCustomer.body)).not.toContain(otherCustomer.user.email);
    const idOnly = await signedSubgraphRequest(
      stack,
      "users",
      ENTITIES("... on User { id }"),
      { r: other },
      { headers: customer.headers },
    );
    expect(idOnly.body).toEqual({ data: { _entities: [{ id: otherCustomer.user.id }] } });
  });

  it("the orders subgraph gives a CUSTOMER no one else's order", async () => {
    const order = [{ __typename: "Order", id: customersOrder }];
    const query = ENTITIES("... on Order { id total }");
    const other = await signedSubgraphRequest(
      stack,
      "orders",
      query,
      { r: order },
      { headers: otherCustomer.headers },
    );
    expect(other.body).toEqual({ data: { _entities: [null] } });
    const own = await signedSubgraphRequest(
      stack,
      "orders",
      query,
      { r: order },
      { headers: customer.headers },
    );
    expect(own.body).toEqual({ data: { _entities: [{ id: customersOrder, total: "1.00" }] } });
  });
});

describe("small leaks in production", () => {
  it("no 'Did you mean' in a variable that cannot be coerced", async () => {
    const response = await stack.graphql(
      "query ($f: UserFilter) { users(filter: $f) { totalCount } }",
      { f: { serch: "a" } },
      ANONYMOUS,
    );
    expect(response.status).toBe(400);
    expect(codes(response)).toEqual(["BAD_USER_INPUT"]);
    expect(JSON.stringify(response.body)).not.toMatch(/did you mean|search/i);
  });

  it("a NUL inside a string literal of the query is BAD_USER_INPUT naming the argument, at the gateway and in a subgraph", async () => {
    const login = 'mutation { login(email: "a\\u0000@x.io", password: "Whatever-Pass-1") { accessToken } }';
    const atGateway = await stack.graphql(login, {}, ANONYMOUS);
    const inSubgraph = await signedSubgraphRequest(stack, "users", login);
    for (const response of [atGateway, inSubgraph]) {
      expect(response.status).toBe(400);
      expect(response.body.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field: "email" });
      expect(response.body.errors?.[0]?.message).toContain('"email"');
    }
    const nested = await stack.graphql(
      'mutation { signUp(input: { email: "b@x.io", password: "Whatever-Pass-1", name: "N\\u0000" }) { accessToken } }',
      {},
      ANONYMOUS,
    );
    expect(nested.body.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", field: "input.name" });
  });

  it("the introspection refusal does not name the server software", async () => {
    const response = await stack.graphql("{ __schema { queryType { name } } }", {}, ANONYMOUS);
    expect(response.status).toBe(400);
    expect(codes(response)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(JSON.stringify(response.body)).not.toMatch(/apollo/i);
  });

  it("an order whose customer is gone answers customer: null, without value-completion internals", async () => {
    const leaving = await stack.userWithRole("CUSTOMER");
    const order = (await createOrder(stack, {}, leaving.headers)).id;
    const deleted = await stack.graphql("mutation ($id: ID!) { deleteUser(id: $id) }", {
      id: leaving.user.id,
    });
    expect(deleted.body.data).toEqual({ deleteUser: true });
    const response = await stack.graphql(ORDER_CUSTOMER("email"), { id: order });
    expect(response.body).toEqual({ data: { order: { id: order, customer: null } } });
  });

  it("/circuit-breakers refuses in the shape of every other refusal", async () => {
    const url = stack.gatewayUrl.replace("/graphql", "/circuit-breakers");
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({
      errors: [{ message: "Authentication is required", extensions: { code: "UNAUTHENTICATED" } }],
    });
    const badToken = await fetch(url, { headers: { authorization: "Bearer not.a.token" } });
    expect(badToken.status).toBe(401);
    const badBody = (await badToken.json()) as GraphQLResponse["body"];
    expect(badBody.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    const asDriver = await fetch(url, { headers: (await stack.userWithRole("DRIVER")).headers });
    expect(asDriver.status).toBe(403);
    expect(await asDriver.json()).toEqual({
      errors: [{ message: "Only an ADMIN may see circuit breakers", extensions: { code: "FORBIDDEN" } }],
    });
  });
});
