import { allow } from "@logicore/auth";
import { getIntrospectionQuery } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatewayRuleMap, OperationLimitsOptions } from "../src/index.js";
import {
  composeFixtures,
  type FixtureSubgraph,
  type GraphQLResult,
  startFixtureSubgraph,
  startTestGateway,
  type TestGateway,
} from "./fixtures.js";

/**
 * A catalog shaped to reach every limit with small documents: `related` nests products as deep as
 * wanted, connections take `first`, `variants` is a list without it, and `echo` takes a list
 * literal (one token per value).
 */
const catalogSdl = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  type Product @key(fields: "sku") {
    sku: ID!
    title: String!
    variants: [Variant!]!
    related(first: Int = 5): ProductConnection!
  }
  type Variant { code: String! }
  type ProductEdge { cursor: String! node: Product! }
  type ProductConnection { edges: [ProductEdge!]! totalCount: Int! }
  type Query {
    product(sku: ID!): Product
    products(first: Int = 20): ProductConnection!
    echo(values: [Int!]!): Int!
  }
`;

const productBySku = (sku: string) => ({ sku, title: `Product ${sku}`, variants: [{ code: `${sku}-1` }] });
// Never more than two items, whatever `first` says: the tests are about what the gateway lets through.
const page = ({ first }: { first: number }) => ({
  edges: ["A", "B"]
    .slice(0, Math.max(0, Math.min(first, 2)))
    .map((sku) => ({ cursor: sku, node: productBySku(sku) })),
  totalCount: 2,
});

const catalogResolvers = {
  Query: {
    product: (_: unknown, { sku }: { sku: string }) => productBySku(sku),
    products: (_: unknown, args: { first: number }) => page(args),
    echo: (_: unknown, { values }: { values: number[] }) => values.length,
  },
  Product: {
    __resolveReference: ({ sku }: { sku: string }) => productBySku(sku),
    related: (_: unknown, args: { first: number }) => page(args),
  },
};

const everyoneMayRead: GatewayRuleMap = {
  Query: { "*": allow },
  Product: { "*": allow },
  Variant: { "*": allow },
  ProductEdge: { "*": allow },
  ProductConnection: { "*": allow },
};

const custom: Required<Omit<OperationLimitsOptions, "defaultListSize">> = {
  maxDepth: 5,
  maxAliases: 2,
  maxDirectives: 2,
  maxTokens: 60,
  maxCost: 100,
  maxRootFields: 2,
};

let catalog: FixtureSubgraph;
let defaults: TestGateway;
let lowered: TestGateway;
let unlimited: TestGateway;
let production: TestGateway;

beforeAll(async () => {
  catalog = await startFixtureSubgraph("catalog", catalogSdl, catalogResolvers);
  const supergraphSdl = composeFixtures([catalog]);
  const start = (options: { operationLimits?: OperationLimitsOptions; mode?: "production" } = {}) =>
    startTestGateway({ supergraphSdl, rules: everyoneMayRead, ...options });
  [defaults, lowered, unlimited, production] = await Promise.all([
    start(),
    start({ operationLimits: custom }),
    start({
      operationLimits: {
        maxDepth: false,
        maxAliases: false,
        maxDirectives: false,
        maxTokens: false,
        maxCost: false,
        maxRootFields: false,
      },
    }),
    start({ mode: "production" }),
  ]);
});
afterAll(async () => {
  await Promise.all([defaults, lowered, unlimited, production].map((gateway) => gateway?.server.close()));
  await catalog?.stop();
});

/** The query-plan cache's hits and misses: the gateway looks a plan up before it plans anything. */
async function planLookups(gateway: TestGateway): Promise<number> {
  const text = await (await fetch(`${gateway.origin}/metrics`)).text();
  return [...text.matchAll(/^logicore_gateway_query_plan_cache_(?:hits|misses)_total (\d+)$/gm)]
    .map((match) => Number(match[1]))
    .reduce((sum, value) => sum + value, 0);
}

/** Posts, and reports how many subgraph calls and query-plan lookups the request caused. */
async function ask(gateway: TestGateway, query: string, variables?: Record<string, unknown>) {
  const [callsBefore, lookupsBefore] = [catalog.received.length, await planLookups(gateway)];
  const response = await gateway.post(query, {}, variables);
  return {
    ...response,
    subgraphCalls: catalog.received.length - callsBefore,
    planLookups: (await planLookups(gateway)) - lookupsBefore,
  };
}

function expectAnswered(response: GraphQLResult & { subgraphCalls: number; planLookups: number }) {
  expect(response.body.errors, JSON.stringify(response.body.errors)).toBeUndefined();
  expect(response.status).toBe(200);
  expect(response.subgraphCalls).toBeGreaterThan(0);
  expect(response.planLookups).toBe(1);
}

function expectRefused(
  response: GraphQLResult & { subgraphCalls: number; planLookups: number },
  refusal: { limit: string; max: number; measured?: number; message: string },
) {
  const { message, ...extensions } = refusal;
  expect(response.status).toBe(400);
  expect(response.body.data).toBeUndefined();
  expect(response.body.errors).toHaveLength(1);
  expect(response.body.errors?.[0]?.message).toBe(message);
  expect(response.body.errors?.[0]?.extensions).toEqual({ code: "OPERATION_LIMIT_EXCEEDED", ...extensions });
  expect(response.subgraphCalls).toBe(0);
  expect(response.planLookups).toBe(0);
}

/** `{ product { related { edges { node { related ... } } } } }` exactly `depth` levels deep, leaf included. */
function nested(depth: number): string {
  const path = ['product(sku: "A")'];
  const cycle = ["related(first: 1)", "edges", "node"];
  while (path.length < depth - 1) path.push(cycle[(path.length - 1) % cycle.length] as string);
  const leaf =
    { "related(first: 1)": "totalCount", edges: "cursor", node: "sku" }[path.at(-1) as string] ?? "sku";
  return `{ ${path.map((field) => `${field} { `).join("")}${leaf}${" }".repeat(path.length)} }`;
}

const aliased = (count: number) =>
  `{ product(sku: "A") { ${Array.from({ length: count }, (_, i) => `a${i}: sku`).join(" ")} } }`;
const directed = (count: number) => `{ product(sku: "A") { ${"sku @include(if: true) ".repeat(count)}} }`;
/** Exactly `count` tokens: `{ echo ( values : [ ... ] ) }` is 9 plus one per value. */
const tokens = (count: number) =>
  `{ echo(values: [${Array.from({ length: count - 9 }, (_, i) => i).join(", ")}]) }`;
const rootFields = (count: number) =>
  `{ ${Array.from({ length: count }, (_, i) => `r${i}: product(sku: "A") { sku }`).join(" ")} }`;
/** Costs 1 + 3 * first: products 1, and per product edges 1, node 1, sku 1. */
const productsQuery = "query Products($first: Int) { products(first: $first) { edges { node { sku } } } }";
const productsLiteral = (first: number) => `{ products(first: ${first}) { edges { node { sku } } } }`;
/**
 * graphql's introspection query with what Apollo Sandbox asks for too. Not `oneOf`: the gateway's
 * query planner does not know `__Type.isOneOf`.
 */
const sandboxIntrospection = getIntrospectionQuery({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
});

describe("under the default limits", () => {
  it("a query 12 levels deep is answered; 13 is refused as maxDepth, before any planning or fetch", async () => {
    expectAnswered(await ask(defaults, nested(12)));
    expectRefused(await ask(defaults, nested(13)), {
      limit: "maxDepth",
      max: 12,
      measured: 13,
      message: "The operation is 13 levels deep; maxDepth allows 12.",
    });
  });

  it("30 aliases are answered; 31 are refused as maxAliases", async () => {
    expectAnswered(await ask(defaults, aliased(30)));
    expectRefused(await ask(defaults, aliased(31)), {
      limit: "maxAliases",
      max: 30,
      measured: 31,
      message: "The operation has 31 aliases; maxAliases allows 30.",
    });
  });

  it("50 directives are answered; 51 are refused as maxDirectives", async () => {
    expectAnswered(await ask(defaults, directed(50)));
    expectRefused(await ask(defaults, directed(51)), {
      limit: "maxDirectives",
      max: 50,
      measured: 51,
      message: "The operation has 51 directives; maxDirectives allows 50.",
    });
  });

  it("a document of 3000 tokens is answered; 3001 is refused as maxTokens while parsing", async () => {
    expectAnswered(await ask(defaults, tokens(3000)));
    expectRefused(await ask(defaults, tokens(3001)), {
      limit: "maxTokens",
      max: 3000,
      message: "The document has more than 3000 tokens; maxTokens allows 3000.",
    });
  });

  it("20 root fields are answered; 21 are refused as maxRootFields", async () => {
    expectAnswered(await ask(defaults, rootFields(20)));
    const response = await ask(defaults, rootFields(21));
    expectRefused(response, {
      limit: "maxRootFields",
      max: 20,
      measured: 21,
      message: "The operation has 21 root fields; maxRootFields allows 20.",
    });
    expect(response.body.errors?.[0]).toMatchObject({ locations: [{ line: 1, column: 1 }] });
  });

  it("prices `first` from a literal: 8333 products cost 25000 and are asked for, 8334 are refused", async () => {
    expectAnswered(await ask(defaults, productsLiteral(8333)));
    expectRefused(await ask(defaults, productsLiteral(8334)), {
      limit: "maxCost",
      max: 25_000,
      measured: 25_003,
      message: "The operation costs 25003; maxCost allows 25000.",
    });
  });

  it("prices `first` from the request's variables, per request for the same document", async () => {
    expectAnswered(await ask(defaults, productsQuery, { first: 8333 }));
    expectRefused(await ask(defaults, productsQuery, { first: 8334 }), {
      limit: "maxCost",
      max: 25_000,
      measured: 25_003,
      message: "The operation costs 25003; maxCost allows 25000.",
    });
    expectAnswered(await ask(defaults, productsQuery, { first: 2 }));
  });

  it("refuses fragments that expand exponentially as maxCost, without pricing every expansion", async () => {
    const fragments = Array.from(
      { length: 16 },
      (_, i) => `fragment F${i + 1} on Product { ...F${i} ...F${i} }`,
    ).join("\n");
    const query = `{ product(sku: "A") { ...F16 } }\nfragment F0 on Product { sku title }\n${fragments}`;
    const started = performance.now();
    expectRefused(await ask(defaults, query), {
      limit: "maxCost",
      max: 25_000,
      message: "The operation costs more than 25000; maxCost allows 25000.",
    });
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it("refuses variables it cannot price as the gateway refuses them without limits: BAD_USER_INPUT", async () => {
    const response = await ask(defaults, productsQuery, { first: "many" });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      errors: [
        {
          message:
            'Variable "$first" got invalid value "many"; Int cannot represent non-integer value: "many"',
          locations: [{ line: 1, column: 16 }],
          extensions: { code: "BAD_USER_INPUT" },
        },
      ],
    });
    expect(response.subgraphCalls).toBe(0);
    const unpriced = await ask(unlimited, productsQuery, { first: "many" });
    expect({ status: unpriced.status, body: unpriced.body }).toEqual({ status: 400, body: response.body });
  });

  it("lets Sandbox's full introspection query through in development (it is 15 levels deep)", async () => {
    const response = await ask(defaults, sandboxIntrospection);
    expect(response.status).toBe(200);
    expect(response.body.errors).toBeUndefined();
    expect(response.body.data?.__schema).toMatchObject({ queryType: { name: "Query" } });
    expect(response.subgraphCalls).toBe(0);
  });
});

describe("with every limit lowered", () => {
  it.each([
    ["maxDepth", nested(5), nested(6), "The operation is 6 levels deep; maxDepth allows 5."],
    ["maxAliases", aliased(2), aliased(3), "The operation has 3 aliases; maxAliases allows 2."],
    ["maxDirectives", directed(2), directed(3), "The operation has 3 directives; maxDirectives allows 2."],
    [
      "maxRootFields",
      '{ product(sku: "A") { sku } products { totalCount } }',
      '{ product(sku: "A") { sku } products { totalCount } echo(values: [1]) }',
      "The operation has 3 root fields; maxRootFields allows 2.",
    ],
  ])("%s applies the configured value", async (limit, under, over, message) => {
    expectAnswered(await ask(lowered, under));
    const max = custom[limit as keyof typeof custom] as number;
    expectRefused(await ask(lowered, over), { limit, max, measured: max + 1, message });
  });

  it("maxTokens applies the configured value", async () => {
    expectAnswered(await ask(lowered, tokens(60)));
    expectRefused(await ask(lowered, tokens(61)), {
      limit: "maxTokens",
      max: 60,
      message: "The document has more than 60 tokens; maxTokens allows 60.",
    });
  });

  it("maxCost applies the configured value: 33 products cost 100, 34 cost 103", async () => {
    expectAnswered(await ask(lowered, productsQuery, { first: 33 }));
    expectRefused(await ask(lowered, productsQuery, { first: 34 }), {
      limit: "maxCost",
      max: 100,
      measured: 103,
      message: "The operation costs 103; maxCost allows 100.",
    });
  });

  it("prices a connection without `first` at its schema default, and a plain list at 10 items", async () => {
    // products: 1 + 20 (the default `first`) * (edges 1 + node 1 + variants (1 + 10 * code 1)) = 261.
    expectRefused(await ask(lowered, "{ products { edges { node { variants { code } } } } }"), {
      limit: "maxCost",
      max: 100,
      measured: 261,
      message: "The operation costs 261; maxCost allows 100.",
    });
  });

  it("does not price what @skip leaves out, nor __typename", async () => {
    expectAnswered(
      await ask(
        lowered,
        "query ($all: Boolean!) { products(first: 33) { edges { node { sku __typename } } } more: products(first: 50) @skip(if: $all) { totalCount } }",
        { all: true },
      ),
    );
  });
});

describe("with every limit off", () => {
  it("answers what the defaults refuse", async () => {
    expectAnswered(await ask(unlimited, aliased(31)));
    expectAnswered(await ask(unlimited, nested(13)));
    expectAnswered(await ask(unlimited, directed(51)));
    expectAnswered(await ask(unlimited, tokens(3001)));
    expectAnswered(await ask(unlimited, rootFields(21)));
    expectAnswered(await ask(unlimited, productsQuery, { first: 8334 }));
  });
});

describe("introspection and suggestions", () => {
  it("in production, refuses Sandbox's introspection query, and __type", async () => {
    for (const query of [sandboxIntrospection, '{ __type(name: "Product") { name } }']) {
      const response = await ask(production, query);
      expect(response.status).toBe(400);
      expect(response.body.data).toBeUndefined();
      expect(response.body.errors?.[0]?.extensions?.code).toBe("GRAPHQL_VALIDATION_FAILED");
      expect(response.body.errors?.[0]?.message).toMatch(/introspection is not allowed/);
      expect(response.subgraphCalls).toBe(0);
    }
  });

  it("suggests field names in development, for Sandbox users, and never in production", async () => {
    const typo = '{ product(sku: "A") { titel } }';
    const development = await ask(defaults, typo);
    expect(development.body.errors?.[0]?.message).toBe(
      'Cannot query field "titel" on type "Product". Did you mean "title"?',
    );
    const hidden = await ask(production, typo);
    expect(hidden.status).toBe(400);
    expect(hidden.body.errors).toEqual([
      {
        message: 'Cannot query field "titel" on type "Product".',
        locations: [{ line: 1, column: 23 }],
        extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
      },
    ]);
  });
});
