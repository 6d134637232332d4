import { generateKeyPairSync, randomUUID } from "node:crypto";
import { generateSigningKeys, signAccessToken } from "@logicore/auth";
import jwt from "jsonwebtoken";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firstError, signedSubgraphRequest, startStack, type TestStack } from "./support/stack.js";

let stack: TestStack;
let customer: Awaited<ReturnType<TestStack["userWithRole"]>>;
beforeAll(async () => {
  stack = await startStack();
  customer = await stack.userWithRole("CUSTOMER");
});
afterAll(() => stack?.close());

const ME = "{ me { id } users(first: 1) { totalCount } }";

/** What a forger would put in a token: the real claims with ADMIN powers. */
function adminClaims(overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    sub: customer.user.id,
    role: "ADMIN",
    permissions: ["users:read", "users:write", "orders:read", "orders:write"],
    jti: randomUUID(),
    sid: randomUUID(),
    iss: stack.sessions.issuer,
    aud: stack.sessions.audience,
    iat: now,
    exp: now + 600,
    ...overrides,
  };
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

const forged: Array<[string, () => string]> = [
  ['alg "none"', () => `${base64url({ alg: "none", typ: "JWT" })}.${base64url(adminClaims())}.`],
  [
    "signed with another key",
    () => jwt.sign(adminClaims(), generateSigningKeys().privateKey, { algorithm: "ES256" }),
  ],
  [
    "HS256 with the public key as the secret",
    () =>
      jwt.sign(adminClaims(), stack.sessions.publicKey.export({ type: "spki", format: "pem" }).toString(), {
        algorithm: "HS256",
      }),
  ],
  [
    "RS256 with an RSA key",
    () =>
      jwt.sign(adminClaims(), generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey, {
        algorithm: "RS256",
      }),
  ],
  [
    "expired",
    () =>
      jwt.sign(adminClaims({ iat: 1_600_000_000, exp: 1_600_000_600 }), stack.sessions.privateKey, {
        algorithm: "ES256",
      }),
  ],
  [
    "wrong issuer",
    () => jwt.sign(adminClaims({ iss: "evil" }), stack.sessions.privateKey, { algorithm: "ES256" }),
  ],
  [
    "wrong audience",
    () => jwt.sign(adminClaims({ aud: "other-api" }), stack.sessions.privateKey, { algorithm: "ES256" }),
  ],
  ["garbage", () => "not.a.token"],
];

describe("tokens the gateway refuses", () => {
  it.each(forged)(
    "%s: 401 UNAUTHENTICATED, no subgraph fetch, nothing of the token echoed",
    async (_name, make) => {
      const token = make();
      const before = stack.subgraphCalls.users.length + stack.subgraphCalls.orders.length;
      const response = await stack.graphql(ME, {}, { authorization: `Bearer ${token}` });
      expect(response.status).toBe(401);
      expect(firstError(response).code).toBe("UNAUTHENTICATED");
      expect(response.body.data ?? null).toBeNull();
      expect(JSON.stringify(response.body)).not.toContain(token.slice(0, 20));
      expect(stack.subgraphCalls.users.length + stack.subgraphCalls.orders.length).toBe(before);
    },
  );

  it.each([["Basic dXNlcjpwYXNz"], ["Bearer"], ["Bearer a b"], [`Token ${"x".repeat(20)}`]])(
    "malformed Authorization header %j: 401 UNAUTHENTICATED",
    async (authorization) => {
      const response = await stack.graphql(ME, {}, { authorization });
      expect(response.status).toBe(401);
      expect(firstError(response).code).toBe("UNAUTHENTICATED");
    },
  );

  it("a genuine token for a session that never existed is refused by the users subgraph", async () => {
    const { token } = signAccessToken(
      { userId: customer.user.id, role: "ADMIN", sessionId: randomUUID() },
      stack.sessions.privateKey,
      stack.sessions,
    );
    const response = await stack.graphql("{ me { id } }", {}, { authorization: `Bearer ${token}` });
    expect(firstError(response).code).toBe("UNAUTHENTICATED");
    expect(response.body.data?.me ?? null).toBeNull();
  });
});

describe("subgraphs never trust a caller that skipped the gateway", () => {
  it("ignores unsigned identity headers and refuses protected fields", async () => {
    // With the gateway's proof, as if the caller had got past it: the subgraph's own check still holds.
    for (const subgraph of ["users", "orders"] as const) {
      const response = await signedSubgraphRequest(
        stack,
        subgraph,
        subgraph === "users" ? "{ users(first: 1) { totalCount } }" : "{ orders(first: 1) { totalCount } }",
        {},
        {
          headers: {
            "x-logicore-dev-user-id": customer.user.id,
            "x-user-role": "ADMIN",
            "x-user-id": customer.user.id,
          },
        },
      );
      expect(firstError(response).code).toBe("UNAUTHENTICATED");
    }
  });

  it("refuses forged tokens too", async () => {
    const token = jwt.sign(adminClaims(), generateSigningKeys().privateKey, { algorithm: "ES256" });
    const response = await signedSubgraphRequest(
      stack,
      "orders",
      "{ orders(first: 1) { totalCount } }",
      {},
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(firstError(response).code).toBe("UNAUTHENTICATED");
  });
});
