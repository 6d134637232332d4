import { createRequire } from "node:module";
import { applyMiddleware } from "graphql-middleware";
import { and, chain, deny, not, or, race, shield } from "graphql-shield";
import { describe, expect, it } from "vitest";
import { type AuthContext, hasRole, isAuthenticated } from "../src/index.js";
import { anonymous, signedIn } from "./support/viewers.js";

// graphql-shield 7.6.5 imported util.isUndefined, which Node 23 removed: on Node 24 the import
// itself threw and no deployable started. Our patch (patches/graphql-shield@7.6.5.patch) replaces
// it; chain and race are the rules that reached the removed helper, when their list runs out.
// This runs the shield middleware the subgraphs use, on whichever Node runs the tests.
// graphql-middleware and graphql-shield load graphql's CommonJS build, as @apollo/subgraph does
// for the subgraphs' schemas; a schema from the ES module build would be another realm's.
const { buildSchema, graphql }: typeof import("graphql") = createRequire(import.meta.url)("graphql");

const schema = applyMiddleware(
  buildSchema("type Query { both: String, either: String, inOrder: String, first: String, guests: String }"),
  shield(
    {
      Query: {
        both: and(isAuthenticated, hasRole("ADMIN")),
        either: or(hasRole("ADMIN"), hasRole("DRIVER")),
        inOrder: chain(isAuthenticated, hasRole("DRIVER", "ADMIN")),
        first: race(hasRole("CUSTOMER"), hasRole("DRIVER")),
        guests: not(isAuthenticated, "already signed in"),
      },
    },
    { fallbackRule: deny },
  ),
);

async function answer(context: AuthContext) {
  const result = await graphql({
    schema,
    source: "{ both either inOrder first guests }",
    rootValue: { both: "ok", either: "ok", inOrder: "ok", first: "ok", guests: "ok" },
    contextValue: { ...context },
  });
  const errors = Object.fromEntries(
    (result.errors ?? []).map((error) => [String(error.path?.[0]), error.extensions.code ?? error.message]),
  );
  return { data: result.data, errors };
}

describe(`graphql-shield on Node ${process.versions.node}`, () => {
  it("lets a DRIVER through or, chain and race, and stops and and not", async () => {
    expect(await answer(signedIn("DRIVER"))).toEqual({
      data: { both: null, either: "ok", inOrder: "ok", first: "ok", guests: null },
      errors: { both: "FORBIDDEN", guests: "already signed in" },
    });
  });

  it("lets an ADMIN through and, or and chain, and stops race and not", async () => {
    expect(await answer(signedIn("ADMIN"))).toEqual({
      data: { both: "ok", either: "ok", inOrder: "ok", first: null, guests: null },
      errors: { first: "FORBIDDEN", guests: "already signed in" },
    });
  });

  it("lets an anonymous caller through not only", async () => {
    const { data, errors } = await answer(anonymous());
    expect(data).toEqual({ both: null, either: null, inOrder: null, first: null, guests: "ok" });
    expect(errors).toEqual({
      both: "UNAUTHENTICATED",
      either: "UNAUTHENTICATED",
      inOrder: "UNAUTHENTICATED",
      first: "UNAUTHENTICATED",
    });
  });
});
