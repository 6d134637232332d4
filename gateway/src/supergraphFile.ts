import { fileURLToPath } from "node:url";

/**
 * The committed supergraph (`schema/supergraph.graphql`), SUPERGRAPH_PATH's default. In a file at
 * the depth of src/ on purpose: the build resolves `import.meta.url` paths from dist/, which is at
 * that depth (scripts/build.ts).
 */
export const DEFAULT_SUPERGRAPH_PATH = fileURLToPath(
  new URL("../../schema/supergraph.graphql", import.meta.url),
);
