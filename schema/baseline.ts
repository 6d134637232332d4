import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { defaultSchemaDir, SUPERGRAPH_FILE } from "./artifacts.js";

const run = promisify(execFile);

export interface Baseline {
  sdl: string;
  /** Where it came from, for the report: `git HEAD` or the file's path. */
  source: string;
  /** Why git was not used, when it was not: a mistyped ref should not go unnoticed. */
  fallbackReason?: string;
}

export interface BaselineOptions {
  /** Git ref holding the reviewed supergraph. @default "HEAD" */
  ref?: string;
  /** @default the schema folder next to this module */
  schemaDir?: string;
}

/**
 * The supergraph a change is compared with: the one committed at `ref`, or the file on disk when
 * git or that commit's file is not there (a tarball, the first composition). Undefined when neither
 * exists: nothing to compare with yet.
 */
export async function readBaselineSupergraph(options: BaselineOptions = {}): Promise<Baseline | undefined> {
  const ref = options.ref ?? "HEAD";
  const schemaDir = options.schemaDir ?? defaultSchemaDir;
  try {
    // `./` makes git resolve the path from cwd, so this works wherever the repository is checked out.
    const { stdout } = await run("git", ["show", `${ref}:./${SUPERGRAPH_FILE}`], {
      cwd: schemaDir,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { sdl: stdout, source: `git ${ref}` };
  } catch (error) {
    const path = join(schemaDir, SUPERGRAPH_FILE);
    const sdl = await readFile(path, "utf8").catch(() => undefined);
    return sdl === undefined ? undefined : { sdl, source: path, fallbackReason: gitFailure(error) };
  }
}

function gitFailure(error: unknown): string {
  const stderr = (error as { stderr?: unknown }).stderr;
  const firstLine = typeof stderr === "string" ? stderr.trim().split("\n")[0] : undefined;
  return firstLine || (error as Error).message;
}
