import { createHmac } from "node:crypto";
import { generateSigningKeys } from "@logicore/auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gatewayRules } from "../src/index.js";
import {
  composeFixtures,
  type FixtureSubgraph,
  startTestGateway,
  type TestGateway,
  testKeys,
} from "./fixtures.js";
import {
  bearer,
  claimsFor,
  es256,
  handMadeToken,
  startOrdersFixture,
  startUsersFixture,
} from "./identityFixtures.js";

let users: FixtureSubgraph;
let orders: FixtureSubgraph;
let gateway: TestGateway;

beforeAll(async () => {
  users = await startUsersFixture();
  orders = await startOrdersFixture();
  gateway = await startTestGateway({ supergraphSdl: composeFixtures([users, orders]), rules: gatewayRules });
});
afterAll(async () => {
  await gateway?.server.close();
  await users?.stop();
  await orders?.stop();
});

const fetches = () => users.received.length + orders.received.length;
const publicKeyPem = testKeys.publicKey.export({ type: "spki", format: "pem" }).toString();
const now = () => Math.floor(Date.now() / 1000);

const badCredentials: Array<[string, () => string]> = [
  ['"alg": "none"', () => `Bearer ${handMadeToken({ alg: "none", typ: "JWT" }, claimsFor("ADMIN"))}`],
  [
    "signed with another key",
    () => bearer("ADMIN", { privateKey: generateSigningKeys().privateKey }).authorization,
  ],
  [
    "HS256 with the public key as the secret",
    () =>
      `Bearer ${handMadeToken({ alg: "HS256", typ: "JWT" }, claimsFor("ADMIN"), (input) =>
        createHmac("sha256", publicKeyPem).update(input).digest("base64url"),
      )}`,
  ],
  [
    "expired",
    () =>
      `Bearer ${handMadeToken(
        { alg: "ES256", typ: "JWT" },
        claimsFor("ADMIN", { iat: now() - 3600, exp: now() - 60 }),
        es256(testKeys.privateKey),
      )}`,
  ],
  ["from another issuer", () => bearer("ADMIN", { issuer: "someone-else" }).authorization],
  ["for another audience", () => bearer("ADMIN", { audience: "another-api" }).authorization],
  [
    "with a forged role claim",
    () => {
      const [header, , signature] = bearer("CUSTOMER").authorization.slice(7).split(".");
      return `Bearer ${header}.${Buffer.from(JSON.stringify(claimsFor("ADMIN"))).toString("base64url")}.${signature}`;
    },
  ],
  ["not a JWT", () => "Bearer not-a-jwt"],
  ["no token after Bearer", () => "Bearer"],
  ["another scheme", () => `Basic ${Buffer.from("admin:secret").toString("base64")}`],
  ["a bare token without a scheme", () => bearer("ADMIN").authorization.slice(7)],
];

describe("a request whose token does not verify", () => {
  it.each(badCredentials)(
    "(%s) is refused with 401 UNAUTHENTICATED before any subgraph hears of it",
    async (_case, credential) => {
      const authorization = credential();
      const before = fetches();
      // `login` is public: the token is refused for what it is, not for what it asks.
      const response = await gateway.post('mutation { login(email: "a@b.c", password: "x") { expiresIn } }', {
        authorization,
      });
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe('Bearer realm="logicore", error="invalid_token"');
      expect(response.body.data).toBeUndefined();
      expect(response.body.errors).toHaveLength(1);
      expect(response.body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      expect(response.body.errors?.[0]?.message).not.toContain("Context creation failed");
      expect(fetches()).toBe(before);
      const text = JSON.stringify(response.body);
      // The message is a fixed text: never the token, nor the library's words about it.
      const tokenPart = authorization.slice(-24);
      for (const leak of [
        "stacktrace",
        "    at ",
        "jwt ",
        "jsonwebtoken",
        ...(tokenPart.length > 8 ? [tokenPart] : []),
      ]) {
        expect(text).not.toContain(leak);
      }
    },
  );

  it("says an expired token has expired, so clients know to refresh", async () => {
    const token = handMadeToken(
      { alg: "ES256", typ: "JWT" },
      claimsFor("ADMIN", { iat: now() - 3600, exp: now() - 60 }),
      es256(testKeys.privateKey),
    );
    const response = await gateway.post("{ me { id } }", { authorization: `Bearer ${token}` });
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: "UNAUTHENTICATED", reason: "expired" });
  });
});

describe("a revoked session", () => {
  it("is refused with 401 as soon as the revocation is in the store", async () => {
    const credentials = bearer("ADMIN", { sessionId: "session-to-revoke" });
    expect((await gateway.post("{ me { id } }", credentials)).status).toBe(200);

    await gateway.revocations.revoke({ kind: "session", sessionId: "session-to-revoke", until: now() + 900 });
    const before = fetches();
    const response = await gateway.post("{ me { id } }", credentials);
    expect(response.status).toBe(401);
    expect(response.body.errors?.[0]?.extensions).toEqual({ code: "UNAUTHENTICATED", reason: "revoked" });
    expect(fetches()).toBe(before);
  });

  it("leaves the user's other sessions alone", async () => {
    await gateway.revocations.revoke({ kind: "session", sessionId: "one-session", until: now() + 900 });
    const response = await gateway.post("{ me { id } }", bearer("ADMIN", { sessionId: "another-session" }));
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
  });
});

describe("a revocation store that cannot answer", () => {
  it("lets no token through: 503 SERVICE_UNAVAILABLE, logged, and anonymous public calls still work", async () => {
    const unreachable = await startTestGateway({
      supergraphSdl: composeFixtures([users, orders]),
      rules: gatewayRules,
      revocations: {
        revoke: async () => {},
        isRevoked: async () => {
          throw new Error("connect ECONNREFUSED 10.0.0.5:6379");
        },
        close: async () => {},
      },
    });
    try {
      const before = fetches();
      const response = await unreachable.post("{ me { id } }", bearer("ADMIN"));
      expect(response.status).toBe(503);
      expect(response.body).toEqual({
        errors: [
          {
            message: "Sign-in cannot be checked right now; try again shortly",
            extensions: { code: "SERVICE_UNAVAILABLE" },
          },
        ],
      });
      expect(fetches()).toBe(before);
      expect(JSON.stringify(unreachable.logs)).toContain("ECONNREFUSED");

      const anonymous = await unreachable.post(
        'mutation { login(email: "a@b.c", password: "x") { expiresIn } }',
      );
      expect(anonymous.status).toBe(200);
    } finally {
      await unreachable.server.close();
    }
  });
});

describe("a valid token", () => {
  it("is relayed to the subgraphs with the request id and the caller's address", async () => {
    const credentials = bearer("CUSTOMER");
    const response = await gateway.post("{ me { id orders { totalCount } } }", {
      ...credentials,
      "x-request-id": "auth-trace-1",
      "x-forwarded-for": "198.51.100.7",
    });
    expect(response.body.errors).toBeUndefined();
    for (const subgraph of [users, orders]) {
      expect(subgraph.received.at(-1)).toMatchObject({
        authorization: credentials.authorization,
        "x-request-id": "auth-trace-1",
        "x-forwarded-for": "127.0.0.1",
      });
    }
  });

  it("is not needed for public operations", async () => {
    const response = await gateway.post('mutation { login(email: "a@b.c", password: "x") { expiresIn } }');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ data: { login: { expiresIn: 900 } } });
  });
});
