import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { validate } from "dockerfile-utils";
import { describe, expect, it } from "vitest";
import { deployables } from "../scripts/build.js";
import {
  copiesOf,
  environmentOf,
  execForm,
  instructionsOf,
  parseDockerfile,
  stageChain,
} from "./support/dockerfile.js";
import { repositoryRoot as root } from "./support/spawnedStack.js";

// What the Kubernetes manifests (k8s/base) rely on: image per target, uid, port and commands.
const images = [
  { target: "gateway", dir: "gateway", port: "4000", commands: ["main"] },
  { target: "users", dir: "subgraphs/users", port: "4001", commands: ["main", "migrate"] },
  { target: "orders", dir: "subgraphs/orders", port: "4002", commands: ["main", "migrate"] },
];

const dockerfile = readFileSync(join(root, "Dockerfile"), "utf8");
const stages = parseDockerfile(dockerfile);
const developmentNode = readFileSync(join(root, ".nvmrc"), "utf8").trim();

describe("the Dockerfile", () => {
  it("ships the current Node LTS, 24, which .nvmrc pins for development", () => {
    expect(developmentNode).toBe("24");
  });

  it("passes dockerfile-utils' validation without a warning", () => {
    const problems = validate(dockerfile).map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
    expect(problems).toEqual([]);
  });

  it.each(images)("builds $target on node LTS, as uid 10001, in production mode", ({ target, dir, port }) => {
    const chain = stageChain(stages, target);
    // The Node the project is developed and tested on (.nvmrc) is the one the images ship.
    expect(chain[0]?.from).toBe(`node:${developmentNode}-bookworm-slim`);
    expect(instructionsOf(chain, "WORKDIR").at(-1)).toBe("/app");
    expect(instructionsOf(chain, "USER").at(-1)).toBe("10001:10001");
    expect(environmentOf(chain)).toMatchObject({ NODE_ENV: "production", PORT: port });
    expect(instructionsOf(chain, "EXPOSE")).toEqual([port]);
    // node itself is PID 1 (no shell in between), and `command:` in a pod replaces the whole CMD.
    expect(instructionsOf(chain, "ENTRYPOINT")).toEqual([]);
    expect(execForm(instructionsOf(chain, "CMD").at(-1))).toEqual(["node", `${dir}/dist/main.js`]);
    for (const run of instructionsOf(chain, "RUN")) expect(run).not.toMatch(/\b(pnpm|tsx|npm install)\b/);
  });

  it.each(images)("puts only bundles, production packages and data files in $target", ({ target, dir }) => {
    const sources = copiesOf(stageChain(stages, target)).flatMap((copy) => {
      expect(copy.from).toBe("build");
      return copy.sources;
    });
    const name = dir.split("/").at(-1);
    for (const source of sources) {
      expect(source).toMatch(
        new RegExp(
          `^(/deps/${name}/|/repo/${dir}/dist/|/repo/prisma/${name}/migrations/|/repo/schema/[\\w.]+\\.graphql)$`,
        ),
      );
    }
    expect(sources).toContain(`/repo/${dir}/dist/`);
  });

  it.each(images)("has `pnpm build` write $target's commands to $dir/dist", ({ dir, commands }) => {
    const deployable = deployables.find((candidate) => candidate.dir === dir);
    expect(Object.keys(deployable?.entries ?? {}).sort()).toEqual(commands);
  });

  it("installs from every workspace manifest, so the frozen lockfile matches", () => {
    const workspace = readFileSync(join(root, "pnpm-workspace.yaml"), "utf8");
    const patterns = [...workspace.matchAll(/^\s*-\s*["']?([^"'\s]+)/gm)].map((match) => match[1] ?? "");
    const projects = patterns.flatMap((pattern) =>
      pattern.endsWith("/*")
        ? readdirSync(join(root, pattern.slice(0, -2))).map((name) => `${pattern.slice(0, -2)}/${name}`)
        : [pattern],
    );
    const copied = copiesOf(stageChain(stages, "build")).flatMap((copy) => copy.sources);
    for (const project of projects.filter((dir) => existsSync(join(root, dir, "package.json")))) {
      expect(copied).toContain(`${project}/package.json`);
    }
  });

  it("keeps history, dependencies, local data and secrets out of the build context", () => {
    const ignored = readFileSync(join(root, ".dockerignore"), "utf8").split("\n");
    for (const pattern of [
      ".git",
      "**/node_modules",
      "**/dist",
      ".data",
      "**/.env*",
      "**/*.pem",
      "**/secrets",
    ]) {
      expect(ignored).toContain(pattern);
    }
  });
});
