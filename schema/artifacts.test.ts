import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { schemaArtifacts, staleArtifacts, writeArtifacts } from "./artifacts.js";
import { readBaselineSupergraph } from "./baseline.js";

const definitions = [
  { name: "users", url: "http://users/graphql", sdl: "type Query { a: Int }\n" },
  { name: "orders", url: "http://orders/graphql", sdl: "type Query { b: Int }\n" },
];

describe("schema artifacts", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "schema-artifacts-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("are stale until written, then fresh", async () => {
    const artifacts = schemaArtifacts(definitions, "schema { query: Query }");
    expect(await staleArtifacts(artifacts, dir)).toEqual([
      "supergraph.graphql",
      "subgraphs/users.graphql",
      "subgraphs/orders.graphql",
    ]);
    await writeArtifacts(artifacts, dir);
    expect(await staleArtifacts(artifacts, dir)).toEqual([]);
    expect(await readFile(join(dir, "subgraphs/orders.graphql"), "utf8")).toBe(definitions[1]?.sdl);
  });

  it("flag a hand-edited copy and the copy of a removed subgraph, which writing removes", async () => {
    await writeArtifacts(schemaArtifacts(definitions, "schema { query: Query }"), dir);
    await writeFile(join(dir, "subgraphs/users.graphql"), "type Query { edited: Int }\n");
    const withoutOrders = schemaArtifacts(definitions.slice(0, 1), "schema { query: Query }");
    expect(await staleArtifacts(withoutOrders, dir)).toEqual([
      "subgraphs/users.graphql",
      "subgraphs/orders.graphql",
    ]);
    await writeArtifacts(withoutOrders, dir);
    expect(await staleArtifacts(withoutOrders, dir)).toEqual([]);
  });

  it("baseline falls back to the file on disk outside a git checkout, and is absent without one", async () => {
    expect(await readBaselineSupergraph({ schemaDir: dir })).toBeUndefined();
    await writeFile(join(dir, "supergraph.graphql"), "schema { query: Query }\n");
    const baseline = await readBaselineSupergraph({ schemaDir: dir });
    expect(baseline).toMatchObject({
      sdl: "schema { query: Query }\n",
      source: join(dir, "supergraph.graphql"),
    });
  });
});
