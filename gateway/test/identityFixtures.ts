import { createSign, type KeyObject } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { type Role, signAccessToken } from "@logicore/auth";
import {
  type FixtureContext,
  type FixtureSubgraph,
  startFixtureSubgraph,
  testKeys,
  testTokenSettings,
} from "./fixtures.js";

/**
 * Stand-ins for the users and orders subgraphs: the real field names (so the gateway's real rules
 * apply) over canned data. They trust whatever token arrives, which is the point: anything the
 * gateway lets through reaches them, and they count what does.
 */
const federation = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable"])`;

export const usersSdl = `${federation}
  enum Role { ADMIN MANAGER DISPATCHER DRIVER CUSTOMER }
  type User @key(fields: "id") { id: ID! email: String! name: String! role: Role! }
  type UserEdge { cursor: String! node: User! }
  type PageInfo @shareable { hasNextPage: Boolean! endCursor: String }
  type UserConnection { edges: [UserEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type AuthPayload { accessToken: String! refreshToken: String! expiresIn: Int! user: User! }
  input UpdateUserInput { name: String email: String }
  type Query {
    me: User
    user(id: ID!): User
    users(first: Int = 20, after: String): UserConnection
  }
  type Mutation {
    login(email: String!, password: String!): AuthPayload
    logout(refreshToken: String!): Boolean!
    revokeAllSessions(userId: ID!): Boolean!
    updateUser(id: ID!, input: UpdateUserInput!): User
  }
`;

export const ordersSdl = `${federation}
  type Order @key(fields: "id") { id: ID! number: String! customer: User }
  type User @key(fields: "id") { id: ID! orders(first: Int = 20): OrderConnection }
  type OrderEdge { cursor: String! node: Order! }
  type PageInfo @shareable { hasNextPage: Boolean! endCursor: String }
  type OrderConnection { edges: [OrderEdge!]! pageInfo: PageInfo! totalCount: Int! }
  type Query { order(id: ID!): Order orders(first: Int = 20): OrderConnection }
`;

export const userIds = {
  admin: "0a000000-0000-4000-8000-000000000001",
  dispatcher: "0a000000-0000-4000-8000-000000000003",
  customer: "0a000000-0000-4000-8000-000000000005",
  otherCustomer: "0a000000-0000-4000-8000-000000000006",
} as const;

const userById = (id: string) => ({
  id,
  email: `${id.slice(-4)}@logicore.test`,
  name: `User ${id.slice(-4)}`,
  role: "CUSTOMER",
});
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The `sub` of the token the fixture received, read without verifying (the gateway did). */
function subjectOf(headers: IncomingHttpHeaders): string | null {
  const payload = headers.authorization?.split(".")[1];
  if (payload === undefined) return null;
  return (JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as { sub: string }).sub;
}

const usersResolvers = {
  Query: {
    me: (_: unknown, __: unknown, { headers }: FixtureContext) => {
      const id = subjectOf(headers);
      return id ? userById(id) : null;
    },
    user: (_: unknown, { id }: { id: string }) => userById(id),
    users: () => ({
      edges: [userIds.admin, userIds.customer].map((id) => ({ cursor: id, node: userById(id) })),
      pageInfo: { hasNextPage: false, endCursor: userIds.customer },
      totalCount: 2,
    }),
  },
  Mutation: {
    login: () => ({
      accessToken: "access",
      refreshToken: "refresh",
      expiresIn: 900,
      user: userById(userIds.customer),
    }),
    // The refresh token doubles as the session id here, so a test can aim a logout at a session.
    logout: (_: unknown, { refreshToken }: { refreshToken: string }, { revocations }: FixtureContext) => {
      revocations.push({ kind: "session", sessionId: refreshToken, until: nowSeconds() + 900 });
      return true;
    },
    revokeAllSessions: (_: unknown, { userId }: { userId: string }, { revocations }: FixtureContext) => {
      // +1: tokens issued within this very second are ended too.
      revocations.push({ kind: "user", userId, issuedBefore: nowSeconds() + 1, until: nowSeconds() + 900 });
      return true;
    },
    updateUser: (_: unknown, { id, input }: { id: string; input: { name?: string } }) => ({
      ...userById(id),
      ...(input.name ? { name: input.name } : {}),
    }),
  },
  User: { __resolveReference: ({ id }: { id: string }) => userById(id) },
};

const orderById = (id: string) => ({
  id,
  number: `ORD-${id.padStart(6, "0")}`,
  customer: { id: userIds.customer },
});

const ordersResolvers = {
  Query: {
    order: (_: unknown, { id }: { id: string }) => orderById(id),
    orders: () => ({
      edges: ["1", "2"].map((id) => ({ cursor: id, node: orderById(id) })),
      pageInfo: { hasNextPage: false, endCursor: "2" },
      totalCount: 2,
    }),
  },
  Order: { __resolveReference: ({ id }: { id: string }) => orderById(id) },
  User: {
    orders: () => ({
      edges: [{ cursor: "1", node: orderById("1") }],
      pageInfo: { hasNextPage: false, endCursor: "1" },
      totalCount: 1,
    }),
  },
};

export const startUsersFixture = (): Promise<FixtureSubgraph> =>
  startFixtureSubgraph("users", usersSdl, usersResolvers);
export const startOrdersFixture = (): Promise<FixtureSubgraph> =>
  startFixtureSubgraph("orders", ordersSdl, ordersResolvers);

/** `Authorization` headers of a real access token for `role`, as the users subgraph would issue it. */
export function bearer(
  role: Role,
  options: {
    userId?: string;
    sessionId?: string;
    privateKey?: KeyObject;
    issuer?: string;
    audience?: string;
  } = {},
): { authorization: string } {
  const { token } = signAccessToken(
    {
      userId: options.userId ?? (role === "ADMIN" ? userIds.admin : userIds.customer),
      role,
      sessionId: options.sessionId ?? "session-1",
    },
    options.privateKey ?? testKeys.privateKey,
    {
      ...testTokenSettings,
      ...(options.issuer ? { issuer: options.issuer } : {}),
      ...(options.audience ? { audience: options.audience } : {}),
    },
  );
  return { authorization: `Bearer ${token}` };
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");

/** Claims as the users subgraph writes them, for hand-made tokens. */
export function claimsFor(role: Role, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const iat = nowSeconds();
  return {
    sub: userIds.admin,
    role,
    permissions: ["users:read", "users:write", "orders:read", "orders:write"],
    jti: "11111111-1111-4111-8111-111111111111",
    sid: "session-forged",
    iss: testTokenSettings.issuer,
    aud: testTokenSettings.audience,
    iat,
    exp: iat + 900,
    ...overrides,
  };
}

/** A JWT with any header and payload, signed by `sign` over `header.payload` (or unsigned). */
export function handMadeToken(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  sign: (input: string) => string = () => "",
): string {
  const input = `${base64url(header)}.${base64url(payload)}`;
  return `${input}.${sign(input)}`;
}

/** ES256 as JWS wants it: the raw r||s signature, not DER. */
export function es256(privateKey: KeyObject): (input: string) => string {
  return (input) =>
    createSign("SHA256")
      .update(input)
      .sign({ key: privateKey, dsaEncoding: "ieee-p1363" })
      .toString("base64url");
}
