import { readFile } from "node:fs/promises";
import { composeServices } from "@apollo/composition";
import { type GraphQLError, parse } from "graphql";
import type { SubgraphSource } from "./subgraphs.js";

export interface SubgraphDefinition {
  name: string;
  url: string;
  sdl: string;
}

export type SupergraphComposition =
  | { ok: true; supergraphSdl: string; hints: string[] }
  | { ok: false; errors: string[] };

/** Reads each subgraph's SDL from disk, in the order of the list. */
export async function readSubgraphDefinitions(
  sources: readonly SubgraphSource[],
): Promise<SubgraphDefinition[]> {
  return Promise.all(
    sources.map(async (source) => ({
      name: source.name,
      url: source.url,
      sdl: await readFile(source.sdlPath, "utf8"),
    })),
  );
}

/**
 * Composes offline with `@apollo/composition`, the same library the gateway's query planner is
 * built on, so what passes here is what the gateway will load. Errors and hints come back as
 * printable lines: a syntax error in one SDL is reported as such instead of being thrown.
 */
export function composeSupergraph(definitions: readonly SubgraphDefinition[]): SupergraphComposition {
  const services = [];
  const syntaxErrors: string[] = [];
  for (const definition of definitions) {
    try {
      services.push({ name: definition.name, url: definition.url, typeDefs: parse(definition.sdl) });
    } catch (error) {
      syntaxErrors.push(`[${definition.name}] INVALID_GRAPHQL: ${(error as Error).message}`);
    }
  }
  if (syntaxErrors.length > 0) return { ok: false, errors: syntaxErrors };

  const result = composeServices(services);
  if (result.errors) return { ok: false, errors: result.errors.map(describeError) };
  return {
    ok: true,
    supergraphSdl: result.supergraphSdl,
    hints: result.hints.map((hint) => `${hint.definition.code}: ${hint.message}`),
  };
}

function describeError(error: GraphQLError): string {
  const code = typeof error.extensions.code === "string" ? error.extensions.code : "COMPOSITION_ERROR";
  return `${code}: ${error.message}`;
}
