import type { IncomingHttpHeaders } from "node:http";
import { composeServices } from "@apollo/composition";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { badUserInput } from "@logicore/errors";
import type { GraphQLHttpServer, Mode } from "@logicore/service";
import { GraphQLError, parse } from "graphql";
import { pino } from "pino";
import { createGateway } from "../src/index.js";

type SchemaModule = Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>;
type Resolvers = NonNullable<SchemaModule["resolvers"]>;

/** Some subgraph, standing in for any of ours: real Apollo Server, real HTTP, on a free port. */
export interface FixtureSubgraph {
  name: string;
  sdl: string;
  url: string;
  /** Headers of every request the subgraph received, oldest first. */
  received: IncomingHttpHeaders[];
  stop(): Promise<void>;
}

export async function startFixtureSubgraph(
  name: string,
  sdl: string,
  resolvers: Resolvers,
): Promise<FixtureSubgraph> {
  const received: IncomingHttpHeaders[] = [];
  const server = new ApolloServer({
    schema: buildSubgraphSchema({ typeDefs: parse(sdl), resolvers }),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
    // As a subgraph in development answers: the gateway must strip these, whatever the subgraph does.
    includeStacktraceInErrorResponses: true,
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: "127.0.0.1" },
    context: async ({ req }) => {
      received.push(req.headers);
      return {};
    },
  });
  return { name, sdl, url, received, stop: () => server.stop() };
}

/** Composes the fixtures the way `pnpm schema:compose` composes ours. */
export function composeFixtures(
  subgraphs: ReadonlyArray<{ name: string; sdl: string; url: string }>,
): string {
  const result = composeServices(
    subgraphs.map(({ name, sdl, url }) => ({ name, url, typeDefs: parse(sdl) })),
  );
  if (result.errors) throw new Error(result.errors.map((error) => error.message).join("\n"));
  return result.supergraphSdl;
}

export interface TestGateway {
  url: string;
  origin: string;
  server: GraphQLHttpServer;
  /** Every log line the gateway wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  post(query: string, headers?: Record<string, string>): Promise<GraphQLResult>;
}

export interface GraphQLResult {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
  };
}

export async function startTestGateway(options: {
  supergraphSdl: string;
  mode?: Mode;
  subgraphUrlOverrides?: Record<string, string>;
}): Promise<TestGateway> {
  const logs: Array<Record<string, unknown>> = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const server = await createGateway({
    supergraphSdl: options.supergraphSdl,
    mode: options.mode ?? "development",
    logger,
    ...(options.subgraphUrlOverrides ? { subgraphUrlOverrides: options.subgraphUrlOverrides } : {}),
  });
  const url = await server.listen(0, "127.0.0.1");
  return {
    url,
    origin: new URL(url).origin,
    server,
    logs,
    post: async (query, headers = {}) => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query }),
      });
      return {
        status: response.status,
        headers: response.headers,
        body: (await response.json()) as GraphQLResult["body"],
      };
    },
  };
}

const federation = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])`;

/** A subgraph with a plain query, a slow one, a coded input error and an unexpected failure. */
export const accountsSdl = `${federation}
  type Account @key(fields: "id") { id: ID! name: String! }
  type Query {
    account(id: ID!): Account
    slowAccount(id: ID!, delayMs: Int!): Account
    brokenAccount: Account
    legacyAccount: Account
  }
`;

export const accountsResolvers = {
  Query: {
    account: (_: unknown, { id }: { id: string }) => {
      if (!/^\d+$/.test(id)) {
        throw badUserInput("id", "id must be numeric");
      }
      return { id, name: `Account ${id}` };
    },
    slowAccount: async (_: unknown, { id, delayMs }: { id: string; delayMs: number }) => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      return { id, name: `Account ${id}` };
    },
    brokenAccount: () => {
      throw new Error('relation "accounts" does not exist: SELECT * FROM accounts');
    },
    // How an Apollo Server 3 subgraph in development reported errors.
    legacyAccount: () => {
      throw new GraphQLError("Account 9 was not found", {
        extensions: {
          code: "NOT_FOUND",
          exception: { stacktrace: ["Error", "    at find (/srv/accounts.js:1:1)"] },
        },
      });
    },
  },
};

/** A second subgraph, to show one subgraph's failure leaves the other's data intact. */
export const catalogSdl = `${federation}
  type Product @key(fields: "sku") { sku: ID! title: String! }
  type Query { products: [Product!] }
`;

export const catalogResolvers = {
  Query: { products: () => [{ sku: "P-1", title: "Pallet" }] },
};
