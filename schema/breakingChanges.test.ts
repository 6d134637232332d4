import { describe, expect, it } from "vitest";
import { findApiBreakingChanges } from "./breakingChanges.js";
import { composeSupergraph } from "./composeSupergraph.js";

const base = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@inaccessible"])
  type User @key(fields: "id") { id: ID! email: String! name: String! role: Role! }
  enum Role { ADMIN DRIVER CUSTOMER }
  type Query { user(id: ID!): User users(first: Int): [User!]! }
`;

function supergraph(sdl: string): string {
  const result = composeSupergraph([{ name: "users", url: "http://users/graphql", sdl }]);
  if (!result.ok) throw new Error(result.errors.join("\n"));
  return result.supergraphSdl;
}

function breakingDescriptions(next: string): string[] {
  return findApiBreakingChanges(supergraph(base), supergraph(next)).map((change) => change.description);
}

describe("findApiBreakingChanges", () => {
  it("finds nothing between identical supergraphs", () => {
    expect(breakingDescriptions(base)).toEqual([]);
  });

  it("lists a removed field", () => {
    expect(breakingDescriptions(base.replace("name: String! ", ""))).toEqual(["User.name was removed."]);
  });

  it("lists a removed enum value", () => {
    expect(breakingDescriptions(base.replace("DRIVER ", ""))).toEqual([
      "DRIVER was removed from enum type Role.",
    ]);
  });

  it("lists a new required argument", () => {
    expect(breakingDescriptions(base.replace("users(first: Int)", "users(first: Int, tenant: ID!)"))).toEqual(
      ["A required arg tenant on Query.users was added."],
    );
  });

  it("lists a field whose type changed", () => {
    expect(breakingDescriptions(base.replace("email: String!", "email: Int!"))).toEqual([
      "User.email changed type from String! to Int!.",
    ]);
  });

  it("does not list an added nullable field", () => {
    expect(breakingDescriptions(base.replace("role: Role!", "role: Role! phone: String"))).toEqual([]);
  });

  it("compares what clients see: hiding a field with @inaccessible is breaking", () => {
    expect(breakingDescriptions(base.replace("name: String!", "name: String! @inaccessible"))).toEqual([
      "User.name was removed.",
    ]);
  });
});
