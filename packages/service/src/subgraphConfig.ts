import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  ConfigError,
  type Env,
  intFromEnv,
  type LogFormat,
  type LogLevel,
  listenHostFromEnv,
  logFormatFromEnv,
  logLevelFromEnv,
  type Mode,
  modeFromEnv,
  stringFromEnv,
  urlFromEnv,
} from "@logicore/config";
import { type TracingConfig, tracingConfigFromEnv } from "./tracingConfig.js";

/** DATA_DIR is shared by all deployables on one machine; each keeps its own sub-folder. */
export const defaultDataRoot = fileURLToPath(new URL("../../../.data", import.meta.url));

/** What every subgraph reads from its environment. */
export interface SubgraphConfig {
  mode: Mode;
  /** PORT. */
  port: number;
  /** HOST. @default "127.0.0.1" in development, "0.0.0.0" in production */
  host: string;
  /** DATABASE_URL; absent means the embedded PGlite database under `dataDir`. */
  databaseUrl: string | undefined;
  /** DB_POOL_MAX. @default 10 */
  poolMax: number;
  /** `$DATA_DIR/<subgraph>`, where the embedded database lives. @default <repo>/.data/<subgraph> */
  dataDir: string;
  logLevel: LogLevel;
  /** LOG_FORMAT: `pretty` when stdout is a terminal, else `json`. */
  logFormat: LogFormat;
  /**
   * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), OTEL_EXPORTER_OTLP_PROTOCOL,
   * OTEL_SERVICE_NAME (default: the subgraph's name), OTEL_SDK_DISABLED. @default off
   */
  tracing: TracingConfig;
  /**
   * SUBGRAPH_SIGNING_KEY (base64, at least 32 bytes), shared with the gateway: only requests with
   * its proof are answered. Required in production (`loadGatewayProofKeys` checks it); development
   * reads the key under `$DATA_DIR/keys/` the gateway reads.
   */
  subgraphSigningKey: string | undefined;
  /** SUBGRAPH_SIGNING_KEY_PREVIOUS: the key being rotated out, still accepted. @default none */
  subgraphSigningKeyPrevious: string | undefined;
}

export interface SubgraphConfigOptions {
  /** The subgraph's name, also its data sub-folder. */
  name: string;
  defaultPort: number;
}

export function loadSubgraphConfig(env: Env, options: SubgraphConfigOptions): SubgraphConfig {
  const mode = modeFromEnv(env);
  const databaseUrl = urlFromEnv(env, "DATABASE_URL", ["postgres:", "postgresql:"]);
  if (mode === "production" && databaseUrl === undefined) {
    throw new ConfigError(
      "DATABASE_URL is required in production (postgres://user:password@host:5432/db); " +
        "the embedded database is for development only",
    );
  }
  return {
    mode,
    port: intFromEnv(env, "PORT", options.defaultPort, { min: 0, max: 65535 }),
    host: listenHostFromEnv(env, mode),
    databaseUrl,
    poolMax: intFromEnv(env, "DB_POOL_MAX", 10, { min: 1, max: 1000 }),
    dataDir: join(stringFromEnv(env, "DATA_DIR") ?? defaultDataRoot, options.name),
    logLevel: logLevelFromEnv(env),
    logFormat: logFormatFromEnv(env, process.stdout.isTTY === true),
    tracing: tracingConfigFromEnv(env, options.name),
    subgraphSigningKey: stringFromEnv(env, "SUBGRAPH_SIGNING_KEY"),
    subgraphSigningKeyPrevious: stringFromEnv(env, "SUBGRAPH_SIGNING_KEY_PREVIOUS"),
  };
}

/** The database options (for @logicore/db's openDatabase) a subgraph's configuration names. */
export function databaseOptionsOf(config: Pick<SubgraphConfig, "databaseUrl" | "dataDir" | "poolMax">) {
  return { url: config.databaseUrl, dataDir: config.dataDir, poolMax: config.poolMax };
}
