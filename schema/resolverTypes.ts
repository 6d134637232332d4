import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type CodegenConfig, generate } from "@graphql-codegen/cli";
import codegenConfig from "../codegen.js";

const repositoryRoot = fileURLToPath(new URL("..", import.meta.url));

/**
 * The generated resolver-type files (codegen.ts) that differ from what `pnpm codegen` would write
 * now, relative to the repository root: a resolver typed against an old SDL is a drift the
 * typecheck alone cannot see.
 */
export async function staleResolverTypes(config: CodegenConfig = codegenConfig): Promise<string[]> {
  const outputs = await generate({ ...config, cwd: repositoryRoot, silent: true }, false);
  const stale: string[] = [];
  for (const output of outputs) {
    const onDisk = await readFile(resolve(repositoryRoot, output.filename), "utf8").catch(() => undefined);
    if (onDisk !== output.content) stale.push(output.filename);
  }
  return stale;
}
