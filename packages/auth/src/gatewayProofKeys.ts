import { randomBytes } from "node:crypto";
import { ConfigError, type Mode } from "@logicore/config";
import { developmentKeyFile } from "./developmentKeyFile.js";
import { createGatewayProofVerifier, type GatewayProofKeys } from "./gatewayProof.js";

export interface GatewayProofKeyLoadOptions {
  mode: Mode;
  /** SUBGRAPH_SIGNING_KEY: base64 of at least 32 bytes; required in production. */
  key: string | undefined;
  /** SUBGRAPH_SIGNING_KEY_PREVIOUS: the key being rotated out, still accepted. @default none */
  previousKey?: string | undefined;
  /** DATA_DIR root; the development key lives in `<dataRoot>/keys/subgraph-signing.key`. */
  dataRoot: string;
  /** Receives the warning printed when the development key is used. */
  log: (message: string) => void;
}

const MIN_KEY_BYTES = 32;
const GENERATE_HINT = "openssl rand -base64 32";
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** A fresh random key, as SUBGRAPH_SIGNING_KEY wants it (32 bytes). */
export function generateGatewayProofKey(): Buffer {
  return randomBytes(MIN_KEY_BYTES);
}

/** A key from its base64 form; the message names `source` but never quotes the value. */
export function parseGatewayProofKey(value: string, source: string): Buffer {
  const trimmed = value.trim();
  const key = BASE64.test(trimmed) ? Buffer.from(trimmed, "base64") : undefined;
  if (key === undefined || key.length < MIN_KEY_BYTES) {
    throw new ConfigError(
      `${source} must be base64 of at least ${MIN_KEY_BYTES} random bytes (create one with: ${GENERATE_HINT})`,
    );
  }
  return key;
}

/** The development key in `<dataRoot>/keys/subgraph-signing.key`, created there first if absent. */
function developmentKey(options: GatewayProofKeyLoadOptions): Buffer {
  const file = developmentKeyFile(
    options.dataRoot,
    "subgraph-signing.key",
    () => `${generateGatewayProofKey().toString("base64")}\n`,
  );
  const key = parseGatewayProofKey(file.text, `${file.path} (delete it to have a new one created)`);
  options.log(
    `DEVELOPMENT DEFAULT: subgraph signing key ${file.created ? "created in" : "read from"} ${file.path}. ` +
      "Anyone with that file can call the subgraphs as the gateway; production requires SUBGRAPH_SIGNING_KEY.",
  );
  return key;
}

/** The gateway's and subgraphs' shared key: SUBGRAPH_SIGNING_KEY, or in development one under DATA_DIR. */
export function loadGatewayProofKeys(options: GatewayProofKeyLoadOptions): GatewayProofKeys {
  const previous =
    options.previousKey === undefined
      ? undefined
      : parseGatewayProofKey(options.previousKey, "SUBGRAPH_SIGNING_KEY_PREVIOUS");
  if (options.key !== undefined) {
    return { current: parseGatewayProofKey(options.key, "SUBGRAPH_SIGNING_KEY"), previous };
  }
  if (options.mode === "production") {
    throw new ConfigError(
      `SUBGRAPH_SIGNING_KEY is required in production: the same base64 key (at least ${MIN_KEY_BYTES} bytes) for the gateway and every subgraph (create one with: ${GENERATE_HINT})`,
    );
  }
  return { current: developmentKey(options), previous };
}

/** What a subgraph's config says about the signing key (SubgraphConfig has these fields). */
export interface SubgraphKeyConfig {
  mode: Mode;
  dataRoot: string;
  subgraphSigningKey: string | undefined;
  subgraphSigningKeyPrevious: string | undefined;
}

/** The check a subgraph runs on every request: the gateway's proof, for `audience`, under its keys. */
export function loadGatewayCallerCheck(
  audience: string,
  config: SubgraphKeyConfig,
  log: (message: string) => void,
): ReturnType<typeof createGatewayProofVerifier> {
  const keys = loadGatewayProofKeys({
    mode: config.mode,
    key: config.subgraphSigningKey,
    previousKey: config.subgraphSigningKeyPrevious,
    dataRoot: config.dataRoot,
    log,
  });
  return createGatewayProofVerifier({ audience, keys });
}
