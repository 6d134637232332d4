import { generateGatewayProofKey } from "@logicore/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrder } from "./support/orders.js";
import {
  type GraphQLResponse,
  postGraphQL,
  signedSubgraphRequest,
  startStack,
  type TestStack,
} from "./support/stack.js";

let stack: TestStack;
let customer: Awaited<ReturnType<TestStack["userWithRole"]>>;
let adminOrderId: string;
beforeAll(async () => {
  stack = await startStack({ mode: "production" });
  customer = await stack.userWithRole("CUSTOMER");
  adminOrderId = (await createOrder(stack, {})).id;
});
afterAll(() => stack?.close());

const USER_ENTITIES =
  "query($r:[_Any!]!){ _entities(representations:$r){ ... on User { email role permissions } } }";
const ORDER_ENTITIES =
  "query($r:[_Any!]!){ _entities(representations:$r){ ... on Order { id number total customer { id } } } }";
const SDL = "{ _service { sdl } }";
const LOGIN = `mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken } }`;

/** What every request that skipped the gateway gets, whatever token it carries. */
function expectRefused(response: GraphQLResponse): void {
  expect(response.status).toBe(401);
  expect(response.body.data ?? null).toBeNull();
  expect(response.body.errors).toHaveLength(1);
  expect(response.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  expect(response.body.errors?.[0]?.message).toMatch(/through the gateway/);
}

describe("a signed-in customer calling a subgraph directly (production)", () => {
  it("cannot read another user through users' _entities", async () => {
    const response = await postGraphQL(
      stack.usersUrl,
      USER_ENTITIES,
      { r: [{ __typename: "User", id: stack.admin.id }] },
      customer.headers,
    );
    expectRefused(response);
    expect(JSON.stringify(response.body)).not.toContain(stack.admin.email);
  });

  it("cannot read another customer's order through orders' _entities", async () => {
    const response = await postGraphQL(
      stack.ordersUrl,
      ORDER_ENTITIES,
      { r: [{ __typename: "Order", id: adminOrderId }] },
      customer.headers,
    );
    expectRefused(response);
  });

  it("cannot fetch either subgraph's schema", async () => {
    for (const url of [stack.usersUrl, stack.ordersUrl]) {
      expectRefused(await postGraphQL(url, SDL, {}, customer.headers));
    }
  });

  it("cannot pass a made-up proof", async () => {
    const response = await postGraphQL(
      stack.usersUrl,
      USER_ENTITIES,
      { r: [{ __typename: "User", id: stack.admin.id }] },
      { ...customer.headers, "x-logicore-gateway-proof": "v1.e30.AAAA" },
    );
    expectRefused(response);
  });

  it("cannot guess passwords past the throttle by rotating X-Forwarded-For", async () => {
    for (let attempt = 0; attempt < 40; attempt += 1) {
      const response = await postGraphQL(
        stack.usersUrl,
        LOGIN,
        { email: stack.admin.email, password: `wrong-${attempt}` },
        { "x-forwarded-for": `198.51.100.${attempt + 1}` },
      );
      expectRefused(response);
    }
    // Refused before any password check: the account was not even locked by them.
    await expect(stack.signIn(stack.admin.email, stack.admin.password)).resolves.toMatchObject({
      accessToken: expect.any(String),
    });
  });
});

describe("a proof that is not the gateway's for this request", () => {
  const send = (options: Parameters<typeof signedSubgraphRequest>[4]) =>
    signedSubgraphRequest(
      stack,
      "users",
      USER_ENTITIES,
      { r: [{ __typename: "User", id: stack.admin.id }] },
      { headers: customer.headers, ...options },
    );

  it("is refused: forged, expired, for the other subgraph, or replayed with another body", async () => {
    expectRefused(await send({ key: generateGatewayProofKey() }));
    expectRefused(await send({ nowMs: Date.now() - 60_000 }));
    expectRefused(await send({ audience: "orders" }));
    expectRefused(await send({ signedBody: JSON.stringify({ query: "{ me { id } }", variables: {} }) }));
  });

  it("while the gateway's proof gets an answer", async () => {
    const response = await signedSubgraphRequest(
      stack,
      "users",
      "{ me { id } }",
      {},
      { headers: customer.headers },
    );
    expect(response.status).toBe(200);
    expect(response.body.data?.me).toEqual({ id: customer.user.id });
  });

  it("and the login throttle counts the address the proof names, not X-Forwarded-For", async () => {
    const attempt = (index: number, clientAddress: string) =>
      signedSubgraphRequest(
        stack,
        "users",
        LOGIN,
        { email: `nobody-${index}@stack.test`, password: "wrong-password" },
        { clientAddress, headers: { "x-forwarded-for": `198.51.100.${index + 1}` } },
      );
    for (let index = 0; index < 20; index += 1) {
      expect((await attempt(index, "203.0.113.9")).body.errors?.[0]?.extensions?.code).toBe(
        "UNAUTHENTICATED",
      );
    }
    expect((await attempt(20, "203.0.113.9")).body.errors?.[0]?.extensions?.code).toBe("RATE_LIMITED");
    expect((await attempt(21, "203.0.113.10")).body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});

describe("the same requests through the gateway", () => {
  it("still answer who may ask", async () => {
    const user = await stack.graphql("query ($id: ID!) { user(id: $id) { email role permissions } }", {
      id: stack.admin.id,
    });
    expect(user.body.errors).toBeUndefined();
    expect(user.body.data?.user).toMatchObject({ email: stack.admin.email, role: "ADMIN" });

    const order = await stack.graphql("query ($id: ID!) { order(id: $id) { id customer { id } } }", {
      id: adminOrderId,
    });
    expect(order.body.errors).toBeUndefined();
    expect(order.body.data?.order).toEqual({ id: adminOrderId, customer: { id: stack.admin.id } });
  });

  it("and still refuse who may not", async () => {
    const response = await stack.graphql(
      "query ($id: ID!) { order(id: $id) { id } }",
      { id: adminOrderId },
      customer.headers,
    );
    expect(response.body.data?.order ?? null).toBeNull();
  });
});
