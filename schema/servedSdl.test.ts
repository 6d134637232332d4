import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { buildSubgraphSchema } from "@apollo/subgraph";
import { describe, expect, it } from "vitest";
import { defaultSchemaDir, SUPERGRAPH_FILE, schemaArtifacts } from "./artifacts.js";
import { composeSupergraph, readSubgraphDefinitions } from "./composeSupergraph.js";
import { subgraphs } from "./subgraphs.js";

// @apollo/subgraph builds the schema each subgraph serves, `_service { sdl }` included, from its SDL
// file; composition reads the same files. A new @apollo/subgraph must serve SDL that composes to the
// supergraph the gateway plans with, or a gateway that composed from the running subgraphs (a
// managed federation set-up) would plan a different graph.
const { graphql, parse }: typeof import("graphql") = createRequire(import.meta.url)("graphql");

async function servedSdl(sdl: string): Promise<string> {
  const schema = buildSubgraphSchema([{ typeDefs: parse(sdl) }]);
  const result = await graphql({ schema, source: "{ _service { sdl } }" });
  expect(result.errors).toBeUndefined();
  return (result.data as { _service: { sdl: string } })._service.sdl;
}

describe("the SDL the subgraphs serve", () => {
  it("composes to the committed supergraph", async () => {
    const definitions = await readSubgraphDefinitions(subgraphs);
    const served = await Promise.all(
      definitions.map(async (definition) => ({ ...definition, sdl: await servedSdl(definition.sdl) })),
    );
    const composition = composeSupergraph(served);
    if (!composition.ok) expect.fail(composition.errors.join("\n"));
    const [supergraph] = schemaArtifacts(served, composition.supergraphSdl);
    const committed = await readFile(`${defaultSchemaDir}/${SUPERGRAPH_FILE}`, "utf8");
    expect(supergraph?.contents).toBe(committed);
  });
});
