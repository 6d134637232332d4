import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  createGatewayProofVerifier,
  createRevocationStore,
  GATEWAY_PROOF_HEADER,
  generateGatewayProofKey,
  generateSigningKeys,
  type RevocationStore,
  signGatewayProof,
} from "@logicore/auth";
import { createTestDatabase, type TestDatabase } from "@logicore/db/testing";
import { createGateway, type RateLimitOptions } from "@logicore/gateway";
import { createOrdersSubgraph, type OrdersSubgraph, prepareOrdersDatabase } from "@logicore/orders";
import type { Mode } from "@logicore/service";
import {
  createLoginThrottle,
  createUsersSubgraph,
  hashPassword,
  type MailMessage,
  prepareUsersDatabase,
  type SessionSettings,
  type UsersSubgraph,
} from "@logicore/users";
import { pino } from "pino";
import { type RecordedCall, startRecordingProxy } from "./recordingProxy.js";

const supergraphSdl = readFileSync(new URL("../../schema/supergraph.graphql", import.meta.url), "utf8");

export interface GraphQLResponse {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
  };
}

export interface TestStack {
  gatewayUrl: string;
  usersUrl: string;
  ordersUrl: string;
  /** Mail the users subgraph sent, newest last. */
  mails: MailMessage[];
  users: UsersSubgraph;
  orders: OrdersSubgraph;
  /** The users subgraph's database. */
  database: TestDatabase;
  ordersDatabase: TestDatabase;
  /** Every request the gateway sent to each subgraph, in order. */
  subgraphCalls: { users: RecordedCall[]; orders: RecordedCall[] };
  /** POSTs to the gateway, the way a frontend does. */
  /**
   * POSTs to the gateway as a signed-in ADMIN unless `headers` say otherwise (`ANONYMOUS`, or
   * another user's `authorization`).
   */
  graphql(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse>;
  /** The ADMIN every stack starts with, and its headers. */
  admin: { id: string; email: string; password: string; headers: Record<string, string> };
  /** Signs in through the gateway (the real login mutation) and returns the session. */
  signIn(email: string, password: string): Promise<Session>;
  /** A new user of `role` (created directly in the users database), signed in. */
  userWithRole(role: Role): Promise<Session & { user: { id: string; email: string; password: string } }>;
  sessions: SessionSettings;
  revocations: RevocationStore;
  /** SUBGRAPH_SIGNING_KEY of this stack: the gateway signs with it, both subgraphs check it. */
  subgraphSigningKey: Buffer;
  close(): Promise<void>;
}

export type Role = "ADMIN" | "MANAGER" | "DISPATCHER" | "DRIVER" | "CUSTOMER";

export interface Session {
  accessToken: string;
  refreshToken: string;
  headers: Record<string, string>;
}

/** Headers of a caller without a token. */
export const ANONYMOUS: Record<string, string> = { authorization: "" };

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export interface StackOptions {
  /** @default "development" */
  mode?: Mode;
  /** Seed the development users (admin@logicore.dev and one per role). @default false */
  seed?: boolean;
  /** Login throttle settings. @default in-process counters with the product's limits */
  throttle?: Parameters<typeof createLoginThrottle>[0];
  /** Gateway rate limits. @default the product's budgets, in Redis under a prefix of this stack's own with REDIS_URL */
  rateLimit?: RateLimitOptions;
}

/**
 * Gateway, users and orders subgraphs in this process, each on its own loopback port and (like in
 * production) its own database, talking real HTTP.
 */
export async function startStack(options: StackOptions = {}): Promise<TestStack> {
  const mode = options.mode ?? "development";
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  const [database, ordersDatabase] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  const mails: MailMessage[] = [];
  const sessions: SessionSettings = {
    ...generateSigningKeys(),
    issuer: "logicore",
    audience: "logicore-api",
    accessTokenTtlSeconds: 900,
    refreshTokenTtlSeconds: 7 * 24 * 3600,
  };
  // Failed-login counters are per client address, and every test file shares 127.0.0.1.
  // With REDIS_URL (CI's second run) the counters live in Redis, under a prefix of this stack's own.
  const throttle = createLoginThrottle({
    redisUrl: process.env.REDIS_URL || undefined,
    keyPrefix: `logicore-test:${randomUUID()}`,
    ...options.throttle,
  });
  const revocations = createRevocationStore(process.env.REDIS_URL || undefined);
  const subgraphSigningKey = generateGatewayProofKey();
  const callerCheck = (audience: string) =>
    createGatewayProofVerifier({ audience, keys: { current: subgraphSigningKey } });
  const verifier = {
    publicKey: sessions.publicKey,
    issuer: sessions.issuer,
    audience: sessions.audience,
    revocations,
  };
  const users = await createUsersSubgraph({
    database: database.database,
    mode,
    logger,
    sessions,
    throttle,
    mailer: { send: async (message) => void mails.push(message) },
    callerCheck: callerCheck("users"),
  });
  // Production refuses to migrate, so the test migrates the way the deploy Job would.
  await prepareUsersDatabase(database.database, users.prisma, {
    mode: "development",
    seedAdminPassword: options.seed ? "Seed-Password-1" : undefined,
    logger,
  });
  const orders = await createOrdersSubgraph({
    database: ordersDatabase.database,
    mode,
    logger,
    verifier,
    callerCheck: callerCheck("orders"),
  });
  await prepareOrdersDatabase(ordersDatabase.database, orders.prisma, {
    mode: "development",
    seed: false,
    logger,
  });
  const usersUrl = await users.server.listen(0, "127.0.0.1");
  const ordersUrl = await orders.server.listen(0, "127.0.0.1");
  const [usersProxy, ordersProxy] = await Promise.all([
    startRecordingProxy(usersUrl),
    startRecordingProxy(ordersUrl),
  ]);
  const gateway = await createGateway({
    supergraphSdl,
    subgraphUrlOverrides: { users: usersProxy.url, orders: ordersProxy.url },
    mode,
    logger,
    auth: verifier,
    corsOrigins: [],
    subgraphSigningKey,
    // Every stack's clients are 127.0.0.1 (and a seeded admin has the same id everywhere): in Redis,
    // budgets are this stack's own, like the login throttle's counters.
    rateLimit: {
      redisUrl: process.env.REDIS_URL || undefined,
      keyPrefix: `logicore-test:${randomUUID()}`,
      ...options.rateLimit,
    },
  });
  const gatewayUrl = await gateway.listen(0, "127.0.0.1");

  const signIn = async (email: string, password: string): Promise<Session> => {
    const response = await postGraphQL(
      gatewayUrl,
      "mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { accessToken refreshToken } }",
      { email, password },
    );
    const payload = response.body.data?.login as { accessToken: string; refreshToken: string } | undefined;
    if (!payload) throw new Error(`login failed: ${JSON.stringify(response.body)}`);
    return { ...payload, headers: bearer(payload.accessToken) };
  };
  let created = 0;
  const userWithRole = async (role: Role) => {
    created += 1;
    const password = `Stack-Password-${created}`;
    const email = `${role.toLowerCase()}-${created}-${Date.now()}@stack.test`;
    const row = await users.prisma.user.create({
      data: { email, name: `${role} ${created}`, role, passwordHash: await hashPassword(password) },
    });
    return { ...(await signIn(email, password)), user: { id: row.id, email, password } };
  };
  const adminSession = await userWithRole("ADMIN");
  const admin = { ...adminSession.user, headers: adminSession.headers };

  return {
    gatewayUrl,
    usersUrl,
    ordersUrl,
    mails,
    users,
    orders,
    database,
    ordersDatabase,
    subgraphCalls: { users: usersProxy.calls, orders: ordersProxy.calls },
    graphql: (query, variables, headers) =>
      postGraphQL(gatewayUrl, query, variables, { ...admin.headers, ...headers }),
    admin,
    signIn,
    userWithRole,
    sessions,
    revocations,
    subgraphSigningKey,
    async close() {
      await gateway.close();
      await Promise.all([usersProxy.close(), ordersProxy.close()]);
      await Promise.all([users.close(), orders.close()]);
      await Promise.all([throttle.close(), revocations.close()]);
      await Promise.all([database.drop(), ordersDatabase.drop()]);
    },
  };
}

export async function postGraphQL(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as GraphQLResponse["body"],
  };
}

export interface SignedSubgraphRequestOptions {
  /** Headers besides the proof (a user's `authorization`). @default none */
  headers?: Record<string, string>;
  /** The client address the proof vouches for. @default "127.0.0.1" */
  clientAddress?: string;
  /** The subgraph the proof is for. @default the one called */
  audience?: string;
  /** @default the stack's SUBGRAPH_SIGNING_KEY */
  key?: Buffer;
  /** When the proof was made. @default now */
  nowMs?: number;
  /** A body to sign instead of the one sent (a proof replayed with another query). @default the one sent */
  signedBody?: string;
}

/**
 * POSTs to one subgraph directly with the gateway's proof, as the gateway would: for tests of the
 * subgraph itself (what it answers the gateway), and of what it refuses to a proof that is wrong.
 */
export async function signedSubgraphRequest(
  stack: Pick<TestStack, "usersUrl" | "ordersUrl" | "subgraphSigningKey">,
  subgraph: "users" | "orders",
  query: string,
  variables: Record<string, unknown> = {},
  options: SignedSubgraphRequestOptions = {},
): Promise<GraphQLResponse> {
  const body = JSON.stringify({ query, variables });
  const proof = signGatewayProof(
    {
      audience: options.audience ?? subgraph,
      requestId: randomUUID(),
      clientAddress: options.clientAddress ?? "127.0.0.1",
    },
    {
      body: options.signedBody ?? body,
      key: options.key ?? stack.subgraphSigningKey,
      ...(options.nowMs !== undefined && { nowMs: options.nowMs }),
    },
  );
  const response = await fetch(subgraph === "users" ? stack.usersUrl : stack.ordersUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...options.headers, [GATEWAY_PROOF_HEADER]: proof },
    body,
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as GraphQLResponse["body"],
  };
}

/** The first error's code and field, the two things a client branches on. */
export function firstError(response: GraphQLResponse): { code: unknown; field: unknown; message: string } {
  const error = response.body.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(response.body)}`);
  return { code: error.extensions?.code, field: error.extensions?.field, message: error.message };
}
