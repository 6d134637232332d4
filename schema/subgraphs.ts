import { fileURLToPath } from "node:url";

export interface SubgraphSource {
  /** The subgraph's name in the supergraph; the gateway's `<NAME>_SUBGRAPH_URL` override refers to it. */
  readonly name: string;
  /** Absolute path of the subgraph's Federation 2 SDL. */
  readonly sdlPath: string;
  /** Where the gateway reaches it by default (local development); deployments override it. */
  readonly url: string;
}

/** A subgraph laid out by convention: SDL in `subgraphs/<name>/src/schema.graphql`, served on `port`. */
function subgraph(name: string, port: number): SubgraphSource {
  return {
    name,
    sdlPath: fileURLToPath(new URL(`../subgraphs/${name}/src/schema.graphql`, import.meta.url)),
    url: `http://localhost:${port}/graphql`,
  };
}

/** Every subgraph of the LogiCore supergraph. Adding one is one line here, then `pnpm schema:compose`. */
export const subgraphs: readonly SubgraphSource[] = [subgraph("users", 4001), subgraph("orders", 4002)];
