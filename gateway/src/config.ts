import { fileURLToPath } from "node:url";
import {
  type Env,
  intFromEnv,
  type LogLevel,
  logLevelFromEnv,
  type Mode,
  modeFromEnv,
  stringFromEnv,
  urlFromEnv,
} from "@logicore/service";

export interface GatewayConfig {
  /** NODE_ENV=production is production; anything else is development. */
  readonly mode: Mode;
  /** PORT. @default 4000 */
  readonly port: number;
  /** HOST. @default "0.0.0.0" */
  readonly host: string;
  /** SUPERGRAPH_PATH. @default <repo>/schema/supergraph.graphql */
  readonly supergraphPath: string;
  /**
   * Every `<NAME>_SUBGRAPH_URL`, keyed by the lower-cased NAME (`USERS_SUBGRAPH_URL` -> `users`):
   * the supergraph's URLs are the local-development ones, deployments point elsewhere.
   */
  readonly subgraphUrlOverrides: Readonly<Record<string, string>>;
  /** LOG_LEVEL. @default "info" */
  readonly logLevel: LogLevel;
}

const defaultSupergraphPath = fileURLToPath(new URL("../../schema/supergraph.graphql", import.meta.url));
const SUBGRAPH_URL_VARIABLE = /^([A-Z0-9_]+)_SUBGRAPH_URL$/;

/** Reads the gateway's environment once; throws ConfigError naming the variable at fault. */
export function loadGatewayConfig(env: Env = process.env): GatewayConfig {
  return Object.freeze({
    mode: modeFromEnv(env),
    port: intFromEnv(env, "PORT", 4000, { min: 0, max: 65_535 }),
    host: stringFromEnv(env, "HOST") ?? "0.0.0.0",
    supergraphPath: stringFromEnv(env, "SUPERGRAPH_PATH") ?? defaultSupergraphPath,
    subgraphUrlOverrides: Object.freeze(subgraphUrlOverridesFromEnv(env)),
    logLevel: logLevelFromEnv(env),
  });
}

function subgraphUrlOverridesFromEnv(env: Env): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const variable of Object.keys(env).sort()) {
    const name = SUBGRAPH_URL_VARIABLE.exec(variable)?.[1];
    if (name === undefined) continue;
    const url = urlFromEnv(env, variable, ["http:", "https:"]);
    if (url !== undefined) overrides[name.toLowerCase()] = url;
  }
  return overrides;
}
