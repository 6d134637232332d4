import { readFileSync } from "node:fs";
import { createTestDatabase, type TestDatabase } from "@logicore/db/testing";
import { createGateway } from "@logicore/gateway";
import type { Mode } from "@logicore/service";
import {
  createUsersSubgraph,
  type MailMessage,
  prepareUsersDatabase,
  type UsersSubgraph,
} from "@logicore/users";
import { pino } from "pino";

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
  /** Mail the users subgraph sent, newest last. */
  mails: MailMessage[];
  users: UsersSubgraph;
  database: TestDatabase;
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

/** Gateway and users subgraph in this process, on loopback ports, talking real HTTP. */
export async function startStack(options: StackOptions = {}): Promise<TestStack> {
  const mode = options.mode ?? "development";
  const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? "silent" });
  const database = await createTestDatabase();
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
  const usersUrl = await users.server.listen(0, "127.0.0.1");
  const gateway = await createGateway({
    supergraphSdl,
    subgraphUrlOverrides: { users: usersUrl },
    mode,
    logger,
  });
  const gatewayUrl = await gateway.listen(0, "127.0.0.1");

  return {
    gatewayUrl,
    usersUrl,
    mails,
    users,
    database,
    graphql: (query, variables, headers) => postGraphQL(gatewayUrl, query, variables, headers),
    async close() {
      await gateway.close();
      await users.close();
      await database.drop();
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
