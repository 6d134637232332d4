import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS, firstError, type GraphQLResponse, startStack, type TestStack } from "./support/stack.js";
import { createUser, headersOf } from "./support/users.js";

let stack: TestStack;
beforeAll(async () => {
  stack = await startStack({ throttle: { perAccount: 3, perAddress: 1000 } });
});
afterAll(() => stack?.close());

const SIGN_UP = `mutation ($input: SignUpInput!) {
  signUp(input: $input) { accessToken refreshToken expiresIn user { id email role } }
}`;
const LOGIN =
  "mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken user { id } } }";
const REFRESH =
  "mutation ($t: String!) { refreshToken(refreshToken: $t) { accessToken refreshToken user { role } } }";
const LOGOUT = "mutation ($t: String!) { logout(refreshToken: $t) }";
const ME = "{ me { id email role } }";

interface Pair {
  accessToken: string;
  refreshToken: string;
}
const bearer = (pair: Pair) => ({ authorization: `Bearer ${pair.accessToken}` });
const payload = (response: GraphQLResponse, field: string) => {
  const value = response.body.data?.[field] as Pair | null | undefined;
  if (!value) throw new Error(JSON.stringify(response.body));
  return value;
};

describe("signing up and in", () => {
  it("signs up a CUSTOMER whose access token works at once", async () => {
    const email = `new-${Date.now()}@example.com`;
    const response = await stack.graphql(
      SIGN_UP,
      { input: { email, password: "Brand-New-Pass-1", name: "New Person" } },
      ANONYMOUS,
    );
    const session = payload(response, "signUp") as Pair & { expiresIn: number; user: { role: string } };
    expect(session.user.role).toBe("CUSTOMER");
    expect(session.expiresIn).toBe(900);
    expect(session.accessToken.split(".")).toHaveLength(3);
    const me = await stack.graphql(ME, {}, bearer(session));
    expect(me.body.data?.me).toMatchObject({ email, role: "CUSTOMER" });
  });

  it("refuses a wrong password and an unknown email with the same message", async () => {
    const user = await createUser(stack);
    const wrong = await stack.graphql(LOGIN, { e: user.email, p: "Wrong-Password-1" }, ANONYMOUS);
    const unknown = await stack.graphql(LOGIN, { e: "nobody@example.com", p: "Wrong-Password-1" }, ANONYMOUS);
    expect(firstError(wrong)).toMatchObject({ code: "UNAUTHENTICATED" });
    expect(firstError(unknown).message).toBe(firstError(wrong).message);
  });

  it("locks an account after repeated failures with RATE_LIMITED and retryAfter, even for the right password", async () => {
    const user = await createUser(stack);
    for (let i = 0; i < 3; i += 1) {
      expect(
        firstError(await stack.graphql(LOGIN, { e: user.email, p: `Bad-Guess-${i}-xx` }, ANONYMOUS)).code,
      ).toBe("UNAUTHENTICATED");
    }
    const locked = await stack.graphql(LOGIN, { e: user.email, p: user.password }, ANONYMOUS);
    expect(firstError(locked).code).toBe("RATE_LIMITED");
    expect(locked.body.errors?.[0]?.extensions?.retryAfter).toBeGreaterThan(0);
  });
});

describe("refresh-token rotation", () => {
  it("rotates on every use and kills the whole session when a spent token comes back", async () => {
    const user = await createUser(stack);
    const first = payload(
      await stack.graphql(LOGIN, { e: user.email, p: user.password }, ANONYMOUS),
      "login",
    );
    const second = payload(
      await stack.graphql(REFRESH, { t: first.refreshToken }, ANONYMOUS),
      "refreshToken",
    );
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect((await stack.graphql(ME, {}, bearer(second))).body.data?.me).toMatchObject({ id: user.id });

    // The first refresh token again: someone copied it. The session ends for everybody.
    const replay = await stack.graphql(REFRESH, { t: first.refreshToken }, ANONYMOUS);
    expect(firstError(replay).code).toBe("UNAUTHENTICATED");
    expect(firstError(await stack.graphql(REFRESH, { t: second.refreshToken }, ANONYMOUS)).code).toBe(
      "UNAUTHENTICATED",
    );
    const me = await stack.graphql(ME, {}, bearer(second));
    expect(me.status).toBe(401);
    expect(firstError(me).code).toBe("UNAUTHENTICATED");
  });

  it("issues the role the database has now", async () => {
    const user = await createUser(stack);
    const first = payload(
      await stack.graphql(LOGIN, { e: user.email, p: user.password }, ANONYMOUS),
      "login",
    );
    await stack.graphql("mutation ($id: ID!) { assignRole(userId: $id, role: DISPATCHER) { role } }", {
      id: user.id,
    });
    const refreshed = await stack.graphql(REFRESH, { t: first.refreshToken }, ANONYMOUS);
    expect(refreshed.body.data?.refreshToken).toMatchObject({ user: { role: "DISPATCHER" } });
  });

  it("refuses made-up refresh tokens", async () => {
    expect(firstError(await stack.graphql(REFRESH, { t: "made-up" }, ANONYMOUS)).code).toBe(
      "UNAUTHENTICATED",
    );
  });
});

describe("revocation takes effect at the gateway immediately", () => {
  it("logout ends the session: its access token is refused at once, its refresh token too", async () => {
    const user = await createUser(stack);
    const session = payload(
      await stack.graphql(LOGIN, { e: user.email, p: user.password }, ANONYMOUS),
      "login",
    );
    const other = await headersOf(stack, user);
    expect((await stack.graphql(LOGOUT, { t: session.refreshToken }, bearer(session))).body).toEqual({
      data: { logout: true },
    });
    const me = await stack.graphql(ME, {}, bearer(session));
    expect(me.status).toBe(401);
    expect(firstError(me).code).toBe("UNAUTHENTICATED");
    expect(firstError(await stack.graphql(REFRESH, { t: session.refreshToken }, ANONYMOUS)).code).toBe(
      "UNAUTHENTICATED",
    );
    // Another session of the same user is untouched.
    expect((await stack.graphql(ME, {}, other)).body.data?.me).toMatchObject({ id: user.id });
  });

  it("revokeAllSessions ends every session of the user; a new login works", async () => {
    const user = await createUser(stack);
    const [a, b] = [await headersOf(stack, user), await headersOf(stack, user)];
    const response = await stack.graphql(
      "mutation ($id: ID!) { revokeAllSessions(userId: $id) }",
      { id: user.id },
      a,
    );
    expect(response.body).toEqual({ data: { revokeAllSessions: true } });
    for (const headers of [a, b]) expect((await stack.graphql(ME, {}, headers)).status).toBe(401);
    const fresh = await headersOf(stack, user);
    expect((await stack.graphql(ME, {}, fresh)).body.data?.me).toMatchObject({ id: user.id });
  });

  it("only the user themself or an ADMIN may revoke someone's sessions", async () => {
    const [victim, attacker] = [await createUser(stack), await createUser(stack)];
    const attempt = await stack.graphql(
      "mutation ($id: ID!) { revokeAllSessions(userId: $id) }",
      { id: victim.id },
      await headersOf(stack, attacker),
    );
    expect(firstError(attempt).code).toBe("FORBIDDEN");
    const byAdmin = await stack.graphql("mutation ($id: ID!) { revokeAllSessions(userId: $id) }", {
      id: victim.id,
    });
    expect(byAdmin.body).toEqual({ data: { revokeAllSessions: true } });
  });

  it("a deleted user's token stops working", async () => {
    const user = await createUser(stack);
    const headers = await headersOf(stack, user);
    await stack.graphql("mutation ($id: ID!) { deleteUser(id: $id) }", { id: user.id });
    expect(firstError(await stack.graphql(ME, {}, headers)).code).toBe("UNAUTHENTICATED");
  });

  it("a demoted user's old token grants no more than the database allows for writes", async () => {
    const manager = await stack.userWithRole("MANAGER");
    await stack.graphql("mutation ($id: ID!) { assignRole(userId: $id, role: CUSTOMER) { role } }", {
      id: manager.user.id,
    });
    // The token still says MANAGER, but a role change revokes every token issued before it
    // (issue #15: no session outlives its user's rights), so the gateway refuses it outright.
    const attempt = await stack.graphql(
      'mutation { createUser(input: { email: "sneaky@example.com", password: "Sneaky-Pass-1", name: "S" }) { id } }',
      {},
      manager.headers,
    );
    expect(firstError(attempt).code).toBe("UNAUTHENTICATED");
    expect(await stack.users.prisma.user.count({ where: { email: "sneaky@example.com" } })).toBe(0);
  });
});
