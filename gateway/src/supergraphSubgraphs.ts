import { Kind, parse } from "graphql";

/**
 * The subgraph names a supergraph declares (`@join__graph(name: ...)` on the `join__Graph` enum),
 * read before the gateway starts so a mistyped `<NAME>_SUBGRAPH_URL` fails at start-up.
 */
export function subgraphNamesOf(supergraphSdl: string): string[] {
  const names: string[] = [];
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== "join__Graph") continue;
    for (const value of definition.values ?? []) {
      const graph = value.directives?.find((directive) => directive.name.value === "join__graph");
      const name = graph?.arguments?.find((argument) => argument.name.value === "name")?.value;
      if (name?.kind === Kind.STRING) names.push(name.value);
    }
  }
  return names;
}
