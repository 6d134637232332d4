import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * What the services actually serve and read, taken from their source rather than restated here, so
 * a renamed route, a changed default port or a dropped variable fails the k8s check.
 */
const repo = fileURLToPath(new URL("..", import.meta.url));

export const DEPLOYABLES = ["gateway", "users", "orders"] as const;
export type Deployable = (typeof DEPLOYABLES)[number];
export const SUBGRAPHS = ["users", "orders"] as const satisfies readonly Deployable[];

function read(path: string): string {
  return readFileSync(join(repo, path), "utf8");
}

/** Every capture of `pattern` in the file; fails when there is none (the code changed shape). */
function capturesIn(path: string, pattern: RegExp): string[] {
  const found = [...read(path).matchAll(pattern)].map((match) => match[1] ?? "");
  if (found.length === 0) throw new Error(`${pattern} no longer matches anything in ${path}`);
  return found;
}

const number = (text: string) => Number(text.replaceAll("_", ""));

/** The GET routes of the shared HTTP shell: `/health/live`, `/health/ready`. */
export function shellHealthRoutes(): string[] {
  return capturesIn("packages/service/src/createGraphQLHttpServer.ts", /app\.get\("(\/health\/[^"]+)"/g);
}

/** Where each deployable serves Prometheus metrics. */
export function metricsPath(deployable: Deployable): string {
  const [path = ""] =
    deployable === "gateway"
      ? capturesIn("gateway/src/http/metricsRoute.ts", /app\.get\(options\.path \?\? "([^"]+)"/g)
      : capturesIn("packages/service/src/createSubgraphServer.ts", /app\.get\("(\/metrics)"/g);
  return path;
}

/** The port a deployable listens on when PORT is unset. */
export function defaultPort(deployable: Deployable): number {
  const [port = ""] =
    deployable === "gateway"
      ? capturesIn("gateway/src/config/gatewayConfig.ts", /intFromEnv\(env, "PORT", ([\d_]+)/g)
      : capturesIn(`subgraphs/${deployable}/src/config.ts`, /defaultPort: ([\d_]+)/g);
  return number(port);
}

/** The shell's default request timeout: the longest an in-flight request can hold the drain. */
export function shellRequestTimeoutSeconds(): number {
  const [ms = ""] = capturesIn(
    "packages/service/src/createGraphQLHttpServer.ts",
    /options\.requestTimeoutMs \?\? ([\d_]+)/g,
  );
  return number(ms) / 1000;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(repo, dir), { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".test.ts") && !file.includes("generated"))
    .map((file) => join(dir, file));
}

const ENV_NAME = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/;

/**
 * Every environment variable the deployables read: names passed to the `*FromEnv` helpers, `env.X`
 * and `env["X"]`, and the upper-case string literals and object keys of the modules that read the
 * environment (variable tables such as BREAKER_VARIABLES); plus `<SUBGRAPH>_<suffix>` for the
 * per-subgraph patterns (`/^([A-Z0-9_]+)_SUBGRAPH_URL$/`) and the OTEL_* variables the README says
 * the OpenTelemetry SDK reads itself.
 */
export function environmentVariablesRead(): Set<string> {
  const dirs = [
    "gateway/src",
    ...readdirSync(join(repo, "packages")).map((name) => `packages/${name}/src`),
    ...SUBGRAPHS.map((name) => `subgraphs/${name}/src`),
  ];
  const names = new Set<string>();
  const add = (name: string | undefined) => {
    if (name !== undefined && ENV_NAME.test(name)) names.add(name);
  };
  for (const file of dirs.flatMap(sourceFiles)) {
    const text = read(file);
    for (const match of text.matchAll(/\benv\??\.([A-Z][A-Z0-9_]*)\b|\benv\[\s*"([A-Z][A-Z0-9_]*)"\s*\]/g)) {
      add(match[1] ?? match[2]);
    }
    if (!/FromEnv\(|\benv\??\.[A-Z]|\benv\[/.test(text)) continue;
    for (const match of text.matchAll(/"([A-Z][A-Z0-9_]*)"|^\s*([A-Z][A-Z0-9_]*):/gm))
      add(match[1] ?? match[2]);
    for (const match of text.matchAll(/\/\^\(\[A-Z0-9_\]\+\??\)_([A-Z0-9_]+)\$\//g)) {
      for (const subgraph of SUBGRAPHS) add(`${subgraph.toUpperCase()}_${match[1]}`);
    }
  }
  for (const match of read("README.md").matchAll(/`(OTEL_[A-Z0-9_]*[A-Z0-9])`/g)) add(match[1]);
  if (names.size < 20)
    throw new Error(`only ${names.size} variables found in ${relative(repo, repo) || "."}`);
  return names;
}
