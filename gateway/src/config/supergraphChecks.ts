import { ConfigError, type Mode } from "@logicore/service";
import { Kind, parse } from "graphql";
import { normalizeSubgraphName } from "../resilience/resilienceSettings.js";

// Every check of the configuration against the supergraph it is meant for, in one place: names in
// variables (`<NAME>_SUBGRAPH_URL`, `<NAME>_SERVICE_TIMEOUT`, ...) that name no subgraph are typos,
// and production must say where each subgraph is.

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

/** Throws a ConfigError when a name given in `variable(name)` is none of the supergraph's subgraphs. */
function assertKnownNames(
  given: Iterable<string>,
  subgraphNames: readonly string[],
  variable: (name: string) => string,
): void {
  const known = new Set(subgraphNames.map(normalizeSubgraphName));
  for (const name of given) {
    if (!known.has(normalizeSubgraphName(name))) {
      throw new ConfigError(
        `${variable(name.toUpperCase())} names no subgraph of the supergraph (it has: ${subgraphNames.join(", ")})`,
      );
    }
  }
}

/**
 * The URL each subgraph is called at, `overrides` first (names match case-insensitively, `-` and `_`
 * alike, as they come from variables); undefined leaves the supergraph's own. Throws when an
 * override names no subgraph.
 */
export function subgraphUrlLookup(
  overrides: Readonly<Record<string, string>>,
  subgraphNames: readonly string[],
): (subgraphName: string) => string | undefined {
  assertKnownNames(
    Object.keys(overrides).map(normalizeSubgraphName),
    subgraphNames,
    (name) => `${name}_SUBGRAPH_URL`,
  );
  const byName = new Map(Object.entries(overrides).map(([name, url]) => [normalizeSubgraphName(name), url]));
  return (subgraphName) => byName.get(normalizeSubgraphName(subgraphName));
}

/** Per-subgraph breaker settings must name subgraphs of the supergraph. */
export function assertBreakerSubgraphs(perSubgraph: object, subgraphNames: readonly string[]): void {
  assertKnownNames(
    Object.keys(perSubgraph),
    subgraphNames,
    (name) => `${name}_SERVICE_TIMEOUT (or another ${name}_ breaker setting)`,
  );
}

/**
 * Production needs an explicit `<NAME>_SUBGRAPH_URL` for every subgraph of the supergraph: the URLs
 * composed into it are the development ones (localhost), and a gateway that silently used them would
 * send its users' requests to whatever listens there. Throws a ConfigError naming the variables.
 */
export function assertSubgraphUrls(
  config: { mode: Mode; subgraphUrlOverrides: Readonly<Record<string, string>> },
  subgraphNames: readonly string[],
): void {
  if (config.mode !== "production") return;
  const given = new Set(Object.keys(config.subgraphUrlOverrides).map(normalizeSubgraphName));
  const missing = subgraphNames.filter((name) => !given.has(normalizeSubgraphName(name)));
  if (missing.length === 0) return;
  const variables = missing.map((name) => `${name.toUpperCase()}_SUBGRAPH_URL`).join(", ");
  throw new ConfigError(
    `${variables} ${missing.length === 1 ? "is" : "are"} required in production (e.g. http://users.internal:4001/graphql); ` +
      "the supergraph's own URLs are development addresses",
  );
}
