import { readFileSync } from "node:fs";
import { createTestDatabase, type TestDatabase } from "@logicore/db/testing";
import { createGateway } from "@logicore/gateway";
import { createOrdersSubgraph, type OrdersSubgraph, prepareOrdersDatabase } from "@logicore/orders";
import type { Mode } from "@logicore/service";
import {
  createUsersSubgraph,
  type MailMessage,
  prepareUsersDatabase,
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
  graphql(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse>;
  close(): Promise<void>;
}

export interface StackOptions {
  /** @default "development" */
  mode?: Mode;
  /** Seed the development users (admin@logicore.dev and one per role). @default false */
  seed?: boolean;
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
  const users = await createUsersSubgraph({
    database: database.database,
    mode,
    logger,
    mailer: { send: async (message) => void mails.push(message) },
  });
  // Production refuses to migrate, so the test migrates the way the deploy Job would.
  await prepareUsersDatabase(database.database, users.prisma, {
    mode: "development",
    seedAdminPassword: options.seed ? "Seed-Password-1" : undefined,
    logger,
  });
  const orders = await createOrdersSubgraph({ database: ordersDatabase.database, mode, logger });
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
  });
  const gatewayUrl = await gateway.listen(0, "127.0.0.1");

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
    graphql: (query, variables, headers) => postGraphQL(gatewayUrl, query, variables, headers),
    async close() {
      await gateway.close();
      await Promise.all([usersProxy.close(), ordersProxy.close()]);
      await Promise.all([users.close(), orders.close()]);
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

/** The first error's code and field, the two things a client branches on. */
export function firstError(response: GraphQLResponse): { code: unknown; field: unknown; message: string } {
  const error = response.body.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(response.body)}`);
  return { code: error.extensions?.code, field: error.extensions?.field, message: error.message };
}
