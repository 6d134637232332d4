import type { IncomingHttpHeaders } from "node:http";
import { composeServices } from "@apollo/composition";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginInlineTraceDisabled } from "@apollo/server/plugin/disabled";
import { startStandaloneServer } from "@apollo/server/standalone";
import { buildSubgraphSchema } from "@apollo/subgraph";
import {
  allow,
  createMemoryRevocationStore,
  generateGatewayProofKey,
  generateSigningKeys,
  type Revocation,
  type RevocationStore,
  withRevocations,
} from "@logicore/auth";
import { badUserInput } from "@logicore/errors";
import type { GraphQLHttpServer, Mode } from "@logicore/service";
import { GraphQLError, parse } from "graphql";
import { pino } from "pino";
import {
  createGateway,
  type GatewayRuleMap,
  type OperationLimitsOptions,
  type RateLimitOptions,
  type ResilienceOptions,
} from "../src/index.js";

/** Resolvers by type and field; those using the context take it as FixtureContext. */
type Resolvers = Record<string, Record<string, unknown>>;

/** What a fixture resolver sees: the request's headers, and revocations to report to the gateway. */
export interface FixtureContext {
  headers: IncomingHttpHeaders;
  revocations: Revocation[];
}

// As the users subgraph does: revocations ride back on the response that caused them.
const reportRevocations: ApolloServerPlugin<FixtureContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ contextValue, response }) {
        if (contextValue.revocations.length === 0 || response.body.kind !== "single") return;
        response.body.singleResult.extensions = withRevocations(
          response.body.singleResult.extensions,
          contextValue.revocations,
        );
      },
    };
  },
};

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
  const server = new ApolloServer<FixtureContext>({
    // buildSubgraphSchema's resolver map type cannot express a typed context.
    schema: buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers: resolvers as never }]),
    plugins: [ApolloServerPluginInlineTraceDisabled(), reportRevocations],
    // As a subgraph in development answers: the gateway must strip these, whatever the subgraph does.
    includeStacktraceInErrorResponses: true,
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port: 0, host: "127.0.0.1" },
    context: async ({ req }) => {
      received.push(req.headers);
      return { headers: req.headers, revocations: [] };
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
  /** The gateway's revocation store (in-process). */
  revocations: RevocationStore;
  /** Every log line the gateway wrote, parsed. */
  logs: Array<Record<string, unknown>>;
  post(
    query: string,
    headers?: Record<string, string>,
    variables?: Record<string, unknown>,
  ): Promise<GraphQLResult>;
}

export interface GraphQLResult {
  status: number;
  headers: Headers;
  body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, unknown> }>;
  };
}

/** The key pair the test gateways trust; tokens signed with anything else are forged. */
export const testKeys = generateSigningKeys();
export const testTokenSettings = {
  issuer: "logicore-test",
  audience: "logicore-test-api",
  accessTokenTtlSeconds: 900,
} as const;

/** The accounts and catalog fixtures, open to anyone: these tests are not about authorization. */
export const openFixtureRules: GatewayRuleMap = {
  Query: { "*": allow },
  Account: { "*": allow },
  Product: { "*": allow },
};

export async function startTestGateway(options: {
  supergraphSdl: string;
  mode?: Mode;
  subgraphUrlOverrides?: Record<string, string>;
  /** @default openFixtureRules */
  rules?: GatewayRuleMap;
  corsOrigins?: string[];
  /** Pass one store to several gateways to stand for replicas sharing Redis. @default a new in-process store */
  revocations?: RevocationStore;
  /** Breakers, timeouts and retries. @default the gateway's defaults */
  resilience?: ResilienceOptions;
  /** Depth, aliases, cost and the other operation limits. @default the gateway's defaults */
  operationLimits?: OperationLimitsOptions;
  /** Request budgets. @default the gateway's defaults (in-process) */
  rateLimit?: RateLimitOptions;
  /** Proxies whose x-forwarded-for names the client. @default none */
  trustProxy?: readonly string[];
}): Promise<TestGateway> {
  const logs: Array<Record<string, unknown>> = [];
  const logger = pino({ level: "debug" }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const revocations = options.revocations ?? createMemoryRevocationStore();
  const server = await createGateway({
    supergraphSdl: options.supergraphSdl,
    mode: options.mode ?? "development",
    logger,
    auth: {
      publicKey: testKeys.publicKey,
      issuer: testTokenSettings.issuer,
      audience: testTokenSettings.audience,
      revocations,
    },
    rules: options.rules ?? openFixtureRules,
    ...(options.subgraphUrlOverrides ? { subgraphUrlOverrides: options.subgraphUrlOverrides } : {}),
    ...(options.corsOrigins ? { corsOrigins: options.corsOrigins } : {}),
    ...(options.resilience ? { resilience: options.resilience } : {}),
    ...(options.operationLimits ? { operationLimits: options.operationLimits } : {}),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
    // Fixture subgraphs are plain Apollo and check no proof; production still wants a key to sign with.
    subgraphSigningKey: generateGatewayProofKey(),
  });
  const url = await server.listen(0, "127.0.0.1");
  return {
    url,
    origin: new URL(url).origin,
    server,
    revocations,
    logs,
    post: async (query, headers = {}, variables = undefined) => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
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
