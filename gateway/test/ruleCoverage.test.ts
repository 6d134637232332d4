import { readFileSync } from "node:fs";
import { Supergraph } from "@apollo/federation-internals";
import { describe, expect, it } from "vitest";
import { graphqlRuntime } from "../src/graphqlRuntime.js";
import { gatewayRules } from "../src/index.js";

const supergraphSdl = readFileSync(new URL("../../schema/supergraph.graphql", import.meta.url), "utf8");
// The schema clients see: the supergraph without its join__/link__ machinery.
const apiSchema = Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
const { isObjectType, isInterfaceType } = graphqlRuntime;

const typesWithFields = Object.values(apiSchema.getTypeMap()).flatMap((type) =>
  (isObjectType(type) || isInterfaceType(type)) && !type.name.startsWith("__") ? [type] : [],
);
const rootTypeNames = new Set(
  [apiSchema.getQueryType(), apiSchema.getMutationType(), apiSchema.getSubscriptionType()].flatMap((type) =>
    type ? [type.name] : [],
  ),
);

describe("the gateway's rule map", () => {
  it("has an explicit rule for every field of the composed supergraph (the deny fallback does not count)", () => {
    const uncovered: string[] = [];
    for (const type of typesWithFields) {
      const rules = Object.hasOwn(gatewayRules, type.name) ? gatewayRules[type.name] : undefined;
      for (const field of Object.keys(type.getFields())) {
        if (rules === undefined || !(Object.hasOwn(rules, field) || Object.hasOwn(rules, "*"))) {
          uncovered.push(`${type.name}.${field}`);
        }
      }
    }
    expect(uncovered, "add these to gateway/src/authorization/rules.ts").toEqual([]);
  });

  it("names every root field one by one: no wildcard may open Query or Mutation", () => {
    const wildcards = [...rootTypeNames].filter((name) => Object.hasOwn(gatewayRules[name] ?? {}, "*"));
    expect(wildcards).toEqual([]);
  });

  it("names only types and fields the supergraph has, so a renamed field cannot keep a stale rule", () => {
    const stale: string[] = [];
    for (const [typeName, rules] of Object.entries(gatewayRules)) {
      const type = apiSchema.getType(typeName);
      if (!type || !(isObjectType(type) || isInterfaceType(type))) {
        stale.push(typeName);
        continue;
      }
      const fields = type.getFields();
      for (const field of Object.keys(rules)) {
        if (field !== "*" && !Object.hasOwn(fields, field)) stale.push(`${typeName}.${field}`);
      }
    }
    expect(stale).toEqual([]);
  });

  it("covers the supergraph's root fields, as a guard against walking an empty schema", () => {
    expect(rootTypeNames).toEqual(new Set(["Query", "Mutation"]));
    expect(Object.keys(apiSchema.getMutationType()?.getFields() ?? {})).toContain("revokeAllSessions");
  });
});

// Each subgraph as the supergraph records it, to find the entity types it resolves by reference.
const subgraphs = Supergraph.build(supergraphSdl).subgraphs();

/** `Type.field` for every field a subgraph resolves by reference (`_entities`), per subgraph. */
function referencePaths(): Map<string, string[]> {
  const paths = new Map<string, string[]>();
  for (const subgraph of subgraphs) {
    for (const type of subgraph.schema.objectTypes()) {
      const resolvable = type
        .appliedDirectivesOf(subgraph.metadata().keyDirective())
        .some((key) => key.arguments().resolvable !== false);
      if (!resolvable) continue;
      const fields = type.fields().map((field) => `${type.name}.${field.name}`);
      paths.set(subgraph.name, [...(paths.get(subgraph.name) ?? []), ...fields]);
    }
  }
  return paths;
}

describe("entity references", () => {
  it("finds every subgraph's entities, as a guard against an empty walk", () => {
    const types = [...referencePaths()].map(([name, fields]) => [
      name,
      [...new Set(fields.map((field) => field.split(".")[0]))].sort(),
    ]);
    expect(Object.fromEntries(types)).toEqual({ users: ["User"], orders: ["Order", "User"] });
  });

  it("every field a subgraph resolves by reference is a field of the API schema with a rule", () => {
    // A reference reaches a type without its root field (Order.customer → users' User): the type's
    // fields need rules of their own, and the subgraph checks each row and field again.
    const uncovered: string[] = [];
    for (const [subgraph, fields] of referencePaths()) {
      for (const path of fields) {
        const [typeName = "", field = ""] = path.split(".");
        const type = apiSchema.getType(typeName);
        const inApi = type !== undefined && isObjectType(type) && Object.hasOwn(type.getFields(), field);
        const rules = Object.hasOwn(gatewayRules, typeName) ? gatewayRules[typeName] : undefined;
        const ruled = rules !== undefined && (Object.hasOwn(rules, field) || Object.hasOwn(rules, "*"));
        if (inApi && !ruled) uncovered.push(`${subgraph}: ${path}`);
      }
    }
    expect(uncovered, "add these to gateway/src/authorization/rules.ts").toEqual([]);
  });
});
