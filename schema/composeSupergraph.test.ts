import { describe, expect, it } from "vitest";
import { composeSupergraph, type SubgraphDefinition } from "./composeSupergraph.js";

const fed = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable"])`;

const accounts: SubgraphDefinition = {
  name: "accounts",
  url: "http://accounts/graphql",
  sdl: `${fed}
    type Account @key(fields: "id") { id: ID! email: String! }
    type Query { account(id: ID!): Account }`,
};

describe("composeSupergraph", () => {
  it("composes valid subgraphs into a supergraph naming each of them", () => {
    const shipments: SubgraphDefinition = {
      name: "shipments",
      url: "http://shipments/graphql",
      sdl: `${fed}
        type Account @key(fields: "id") { id: ID! shipments: [String!]! }
        type Query { shipmentCount: Int! }`,
    };
    const result = composeSupergraph([accounts, shipments]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.supergraphSdl).toContain('@join__graph(name: "accounts", url: "http://accounts/graphql")');
    expect(result.supergraphSdl).toContain(
      '@join__graph(name: "shipments", url: "http://shipments/graphql")',
    );
  });

  it("reports a field whose type differs between subgraphs as a composition error", () => {
    const conflicting: SubgraphDefinition = {
      name: "billing",
      url: "http://billing/graphql",
      sdl: `${fed}
        type Account @key(fields: "id") { id: ID! email: Int! @shareable }
        type Query { invoiceCount: Int! }`,
    };
    const result = composeSupergraph([accounts, conflicting]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.join("\n")).toMatch(/Account\.email/);
  });

  it("reports a syntax error with the subgraph's name instead of throwing", () => {
    const broken: SubgraphDefinition = { name: "broken", url: "http://broken/graphql", sdl: "type Query {" };
    const result = composeSupergraph([accounts, broken]);
    expect(result).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^\[broken\] INVALID_GRAPHQL: Syntax Error/)],
    });
  });
});
