import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrder, dataOf } from "./support/orders.js";
import {
  ANONYMOUS,
  firstError,
  type GraphQLResponse,
  postGraphQL,
  type Session,
  signedSubgraphRequest,
  startStack,
  type TestStack,
} from "./support/stack.js";
import { createUser } from "./support/users.js";

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack({ mode: "production" });
});
afterAll(() => stack?.close());

const code = (response: GraphQLResponse) => response.body.errors?.[0]?.extensions?.code ?? "OK";
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

const ME = "{ me { id role } }";
const ORDERS = "{ orders(first: 100) { totalCount } }";
const STATUS = "mutation ($id: ID!) { updateOrderStatus(id: $id, status: CONFIRMED) { status } }";
const CREATE_ORDER =
  'mutation { createOrder(input: { items: [{ sku: "BOX-M", description: "Box", quantity: 1, unitPrice: "1.00" }] }) { id } }';
const LOGIN =
  "mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }";
const REFRESH =
  "mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken user { role } } }";
const CHANGE_PASSWORD =
  "mutation ($current: String!, $next: String!) { changePassword(currentPassword: $current, newPassword: $next) }";
const ASSIGN_ROLE = "mutation ($id: ID!, $role: Role!) { assignRole(userId: $id, role: $role) { role } }";
const CREATE_USER = "mutation ($input: CreateUserInput!) { createUser(input: $input) { id role } }";
const UPDATE_USER = 'mutation ($id: ID!) { updateUser(id: $id, input: { name: "Renamed" }) { name } }';
const DELETE_USER = "mutation ($id: ID!) { deleteUser(id: $id) }";

let invented = 0;
const newUserInput = (role: string) => {
  invented += 1;
  return {
    email: `made-${role.toLowerCase()}-${invented}-${Date.now()}@example.com`,
    password: "Made-By-Test-1",
    name: "Made",
    role,
  };
};

describe("no session outlives its user's rights", () => {
  it("a deleted CUSTOMER's access token is refused at the gateway and by orders, and creates no order", async () => {
    const customer = await stack.userWithRole("CUSTOMER");
    expect(code(await stack.graphql(ME, {}, customer.headers))).toBe("OK");
    expect((await stack.graphql(DELETE_USER, { id: customer.user.id })).body).toEqual({
      data: { deleteUser: true },
    });

    const viaGateway = await stack.graphql(CREATE_ORDER, {}, customer.headers);
    expect(viaGateway.status).toBe(401);
    expect(firstError(viaGateway).code).toBe("UNAUTHENTICATED");
    const direct = await signedSubgraphRequest(
      stack,
      "orders",
      CREATE_ORDER,
      {},
      { headers: customer.headers },
    );
    expect(firstError(direct).code).toBe("UNAUTHENTICATED");
    expect(await stack.orders.prisma.order.count({ where: { customerId: customer.user.id } })).toBe(0);
  });

  it("a DISPATCHER demoted to CUSTOMER loses the old token; a new sign-in or refresh carries the new role", async () => {
    const dispatcher = await stack.userWithRole("DISPATCHER");
    const other = await stack.userWithRole("CUSTOMER");
    const othersOrder = await createOrder(stack, {}, other.headers);
    expect(code(await stack.graphql(ORDERS, {}, dispatcher.headers))).toBe("OK");

    expect(code(await stack.graphql(ASSIGN_ROLE, { id: dispatcher.user.id, role: "CUSTOMER" }))).toBe("OK");

    for (const query of [ORDERS, STATUS]) {
      const stale = await stack.graphql(query, { id: othersOrder.id }, dispatcher.headers);
      expect(firstError(stale).code).toBe("UNAUTHENTICATED");
      const direct = await signedSubgraphRequest(
        stack,
        "orders",
        query,
        { id: othersOrder.id },
        { headers: dispatcher.headers },
      );
      expect(firstError(direct).code).toBe("UNAUTHENTICATED");
    }
    const order = await stack.orders.prisma.order.findUniqueOrThrow({ where: { id: othersOrder.id } });
    expect(order.status).toBe("PENDING");

    // Not over-revoked: the cut-off is in whole seconds (the tokens' `iat`), and from the next
    // second on a new sign-in and a refresh of the old session both work, as a CUSTOMER.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const fresh = await stack.signIn(dispatcher.user.email, dispatcher.user.password);
    expect(
      dataOf<{ totalCount: number }>(await stack.graphql(ORDERS, {}, fresh.headers), "orders").totalCount,
    ).toBe(0);
    expect(code(await stack.graphql(STATUS, { id: othersOrder.id }, fresh.headers))).toBe("FORBIDDEN");
    const refreshed = dataOf<{ accessToken: string; user: { role: string } }>(
      await stack.graphql(REFRESH, { t: dispatcher.refreshToken }, ANONYMOUS),
      "refreshToken",
    );
    expect(refreshed.user.role).toBe("CUSTOMER");
    expect((await stack.graphql(ME, {}, bearer(refreshed.accessToken))).body.data?.me).toEqual({
      id: dispatcher.user.id,
      role: "CUSTOMER",
    });
  });

  it("changePassword ends every other session, access and refresh tokens, and keeps its own", async () => {
    const user = await createUser(stack, { password: "Old-Password-1" });
    const login = async (password: string) => {
      const pair = dataOf<{ accessToken: string; refreshToken: string }>(
        await stack.graphql(LOGIN, { e: user.email, p: password }, ANONYMOUS),
        "login",
      );
      return { ...pair, headers: bearer(pair.accessToken) } satisfies Session;
    };
    const [own, other] = [await login("Old-Password-1"), await login("Old-Password-1")];

    const changed = await stack.graphql(
      CHANGE_PASSWORD,
      { current: "Old-Password-1", next: "New-Password-22" },
      own.headers,
    );
    expect(changed.body).toEqual({ data: { changePassword: true } });

    const stale = await stack.graphql(ME, {}, other.headers);
    expect(stale.status).toBe(401);
    expect(firstError(stale).code).toBe("UNAUTHENTICATED");
    expect(
      firstError(await signedSubgraphRequest(stack, "orders", ORDERS, {}, { headers: other.headers })).code,
    ).toBe("UNAUTHENTICATED");
    expect(firstError(await stack.graphql(REFRESH, { t: other.refreshToken }, ANONYMOUS)).code).toBe(
      "UNAUTHENTICATED",
    );

    expect((await stack.graphql(ME, {}, own.headers)).body.data?.me).toMatchObject({ id: user.id });
    expect(code(await stack.graphql(REFRESH, { t: own.refreshToken }, ANONYMOUS))).toBe("OK");
    expect(
      firstError(await stack.graphql(LOGIN, { e: user.email, p: "Old-Password-1" }, ANONYMOUS)).code,
    ).toBe("UNAUTHENTICATED");
    const next = await login("New-Password-22");
    expect((await stack.graphql(ME, {}, next.headers)).body.data?.me).toMatchObject({ id: user.id });
  });
});

describe("only an ADMIN creates, changes or removes MANAGERs and ADMINs", () => {
  it("a MANAGER may not create a MANAGER or ADMIN; the gateway refuses before any subgraph, naming input.role", async () => {
    const manager = await stack.userWithRole("MANAGER");
    for (const role of ["MANAGER", "ADMIN"]) {
      const before = stack.subgraphCalls.users.length;
      const input = newUserInput(role);
      const refused = await stack.graphql(CREATE_USER, { input }, manager.headers);
      expect(firstError(refused)).toMatchObject({ code: "FORBIDDEN", field: "input.role" });
      expect(stack.subgraphCalls.users.length).toBe(before);
      // The users subgraph refuses it too, for a caller that skips the gateway.
      const direct = await signedSubgraphRequest(
        stack,
        "users",
        CREATE_USER,
        { input },
        { headers: manager.headers },
      );
      expect(firstError(direct)).toMatchObject({ code: "FORBIDDEN", field: "input.role" });
      expect(await stack.users.prisma.user.count({ where: { email: input.email } })).toBe(0);
    }
    expect(
      code(await stack.graphql(CREATE_USER, { input: newUserInput("DISPATCHER") }, manager.headers)),
    ).toBe("OK");
  });

  it("a MANAGER may not edit or delete another MANAGER, but may edit themself and lower roles", async () => {
    const [manager, peer, driver] = [
      await stack.userWithRole("MANAGER"),
      await stack.userWithRole("MANAGER"),
      await stack.userWithRole("DRIVER"),
    ];
    const edit = await stack.graphql(UPDATE_USER, { id: peer.user.id }, manager.headers);
    expect(firstError(edit)).toMatchObject({ code: "FORBIDDEN", field: "id" });
    const remove = await stack.graphql(DELETE_USER, { id: peer.user.id }, manager.headers);
    expect(firstError(remove)).toMatchObject({ code: "FORBIDDEN", field: "id" });
    const row = await stack.users.prisma.user.findUniqueOrThrow({ where: { id: peer.user.id } });
    expect(row.name).not.toBe("Renamed");

    expect(code(await stack.graphql(UPDATE_USER, { id: manager.user.id }, manager.headers))).toBe("OK");
    expect(code(await stack.graphql(UPDATE_USER, { id: driver.user.id }, manager.headers))).toBe("OK");
    expect(code(await stack.graphql(DELETE_USER, { id: driver.user.id }, manager.headers))).toBe("OK");
  });

  it("an ADMIN creates, edits and deletes MANAGERs", async () => {
    const made = dataOf<{ id: string; role: string }>(
      await stack.graphql(CREATE_USER, { input: newUserInput("MANAGER") }),
      "createUser",
    );
    expect(made.role).toBe("MANAGER");
    expect(code(await stack.graphql(UPDATE_USER, { id: made.id }))).toBe("OK");
    expect((await stack.graphql(DELETE_USER, { id: made.id })).body).toEqual({ data: { deleteUser: true } });
  });
});

describe("the login throttle", () => {
  let throttled: TestStack;
  beforeAll(async () => {
    throttled = await startStack({
      mode: "production",
      throttle: { perAccount: 5, accountWindowSeconds: 2, perAddress: 40 },
    });
  });
  afterAll(() => throttled?.close());

  const attempt = (email: string, password: string) =>
    postGraphQL(throttled.gatewayUrl, LOGIN, { e: email, p: password }, ANONYMOUS);

  it("lets no more than 5 of 20 parallel attempts at one account reach the password check", async () => {
    const user = await createUser(throttled, { password: "Right-Password-1" });
    const passwords = [...Array.from({ length: 19 }, (_, i) => `Wrong-Guess-${i}-x`), "Right-Password-1"];
    const responses = await Promise.all(passwords.map((password) => attempt(user.email, password)));
    const checked = responses.filter((response) => code(response) !== "RATE_LIMITED");
    expect(checked.length).toBeLessThanOrEqual(5);
    for (const response of responses.filter((r) => code(r) === "RATE_LIMITED")) {
      expect(response.body.errors?.[0]?.extensions?.retryAfter).toBeGreaterThan(0);
    }
  });

  it("slows an account down but never locks its owner out", async () => {
    const user = await createUser(throttled, { password: "Right-Password-1" });
    for (let i = 0; i < 5; i += 1) {
      expect(code(await attempt(user.email, `Bad-Guess-${i}-xx`))).toBe("UNAUTHENTICATED");
    }
    const limited = await attempt(user.email, "Right-Password-1");
    expect(code(limited)).toBe("RATE_LIMITED");
    const retryAfter = Number(limited.body.errors?.[0]?.extensions?.retryAfter);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, retryAfter * 1000 + 100));
    expect(code(await attempt(user.email, "Right-Password-1"))).toBe("OK");
  });
});
