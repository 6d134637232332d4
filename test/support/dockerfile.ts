import { cpSync, mkdirSync, statSync } from "node:fs";
import { basename, join } from "node:path";

/** One instruction of a Dockerfile, its continuation lines joined. */
export interface Instruction {
  keyword: string;
  args: string;
}

export interface Stage {
  /** The `AS` name, or the stage's index when it has none. */
  name: string;
  /** What it is built `FROM`: an image, or an earlier stage's name. */
  from: string;
  instructions: Instruction[];
}

/** The stages of a Dockerfile, enough of its grammar for the files this repository writes. */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  let pending = "";
  for (const line of text.split("\n")) {
    if (/^\s*#/.test(line)) continue;
    pending += line.replace(/\\\s*$/, " ");
    if (/\\\s*$/.test(line)) continue;
    const statement = pending.trim().replace(/\s+/g, " ");
    pending = "";
    if (statement === "") continue;
    const [keyword = "", ...rest] = statement.split(" ");
    const instruction = { keyword: keyword.toUpperCase(), args: rest.join(" ") };
    if (instruction.keyword === "FROM") {
      const [from = "", as, name] = rest.filter((word) => !word.startsWith("--"));
      stages.push({
        name: as?.toUpperCase() === "AS" && name ? name : String(stages.length),
        from,
        instructions: [],
      });
    } else {
      const stage = stages.at(-1);
      if (!stage) throw new Error(`${instruction.keyword} before any FROM`);
      stage.instructions.push(instruction);
    }
  }
  return stages;
}

/** A stage and the stages it is built on, the base image's first. */
export function stageChain(stages: readonly Stage[], name: string): Stage[] {
  const stage = stages.find((candidate) => candidate.name === name);
  if (!stage) throw new Error(`no stage ${name}`);
  return [...(stages.some((s) => s.name === stage.from) ? stageChain(stages, stage.from) : []), stage];
}

export function instructionsOf(chain: readonly Stage[], keyword: string): string[] {
  return chain.flatMap((stage) => stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args));
}

/** The environment the chain's ENV instructions leave (`ENV A=1 B=2` and `ENV A 1`). */
export function environmentOf(chain: readonly Stage[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const args of instructionsOf(chain, "ENV")) {
    if (!args.includes("=")) {
      const [key = "", ...value] = args.split(" ");
      env[key] = value.join(" ");
      continue;
    }
    for (const pair of args.split(" ")) {
      const at = pair.indexOf("=");
      env[pair.slice(0, at)] = pair.slice(at + 1);
    }
  }
  return env;
}

/** An exec-form (JSON array) command, or undefined for the shell form. */
export function execForm(args: string | undefined): string[] | undefined {
  if (args === undefined || !args.startsWith("[")) return undefined;
  const parsed: unknown = JSON.parse(args);
  return Array.isArray(parsed) && parsed.every((word) => typeof word === "string") ? parsed : undefined;
}

export interface Copy {
  /** The `--from` stage; undefined for the build context. */
  from: string | undefined;
  sources: string[];
  destination: string;
}

export function copiesOf(chain: readonly Stage[]): Copy[] {
  return instructionsOf(chain, "COPY").map((args) => {
    const words = args.split(" ");
    const from = words.find((word) => word.startsWith("--from="))?.slice("--from=".length);
    const paths = words.filter((word) => !word.startsWith("--"));
    return { from, sources: paths.slice(0, -1), destination: paths.at(-1) ?? "" };
  });
}

/**
 * Does what a chain's `COPY --from` instructions do, into `root` (the image's WORKDIR), with each
 * absolute source path found under the host folder `paths` maps its leading folder to.
 */
export function playCopies(
  chain: readonly Stage[],
  root: string,
  paths: Readonly<Record<string, string>>,
): void {
  for (const { from, sources, destination } of copiesOf(chain)) {
    if (from === undefined) throw new Error(`COPY from the build context: ${sources.join(" ")}`);
    for (const source of sources) {
      const prefix = Object.keys(paths).find((candidate) => source.startsWith(candidate));
      if (prefix === undefined) throw new Error(`no host folder for ${source}`);
      const hostPath = join(paths[prefix] ?? "", source.slice(prefix.length));
      const target = join(root, destination);
      if (statSync(hostPath).isDirectory()) {
        // Docker copies a folder's contents, and symbolic links as they are.
        cpSync(hostPath, target, { recursive: true, verbatimSymlinks: true });
      } else {
        mkdirSync(destination.endsWith("/") ? target : join(target, ".."), { recursive: true });
        cpSync(hostPath, destination.endsWith("/") ? join(target, basename(hostPath)) : target);
      }
    }
  }
}
