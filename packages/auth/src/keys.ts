import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { dirname } from "node:path";
import { ConfigError, type Mode } from "@logicore/config";
import { developmentKeyFile } from "./developmentKeyFile.js";

/** An ES256 (ECDSA over P-256) key pair: the users subgraph signs, everyone else verifies. */
export interface SigningKeys {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface KeyLoadOptions {
  mode: Mode;
  /** PEM from config (JWT_PRIVATE_KEY or JWT_PUBLIC_KEY); required in production. */
  pem: string | undefined;
  /** DATA_DIR root; development keys live in `<dataRoot>/keys/`. */
  dataRoot: string;
  /** Receives the warning printed when development keys are used. */
  log: (message: string) => void;
}

const CURVE = "prime256v1";
const GENERATE_HINT = "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256";

export function generateSigningKeys(): SigningKeys {
  return generateKeyPairSync("ec", { namedCurve: CURVE });
}

function requireP256(key: KeyObject, source: string, kind: "private" | "public"): KeyObject {
  const curve = key.asymmetricKeyDetails?.namedCurve;
  if (key.asymmetricKeyType !== "ec" || curve !== CURVE) {
    const found = key.asymmetricKeyType === "ec" ? `EC ${curve ?? "unknown curve"}` : key.asymmetricKeyType;
    throw new ConfigError(
      `${source} must be an EC P-256 (ES256) ${kind} key, got ${found ?? "an unknown key type"}`,
    );
  }
  return key;
}

// Messages name the source but never quote the PEM: it may be a secret.
function parsePrivateKey(pem: string, source: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: "pem" });
  } catch {
    throw new ConfigError(
      `${source} must be an unencrypted EC P-256 private key PEM (create one with: ${GENERATE_HINT}); it could not be read as a private key`,
    );
  }
  return requireP256(key, source, "private");
}

function parsePublicKey(pem: string, source: string): KeyObject {
  let holdsPrivateKey = true;
  try {
    createPrivateKey({ key: pem, format: "pem" });
  } catch {
    holdsPrivateKey = false;
  }
  // Verifying services never need the private half; one leaked from them could mint any session.
  if (holdsPrivateKey) {
    throw new ConfigError(`${source} holds a private key; give verifying services only the public key`);
  }
  let key: KeyObject;
  try {
    key = createPublicKey({ key: pem, format: "pem" });
  } catch {
    throw new ConfigError(
      `${source} must be an EC P-256 public key PEM; it could not be read as a public key`,
    );
  }
  return requireP256(key, source, "public");
}

function developmentPrivateKey(options: KeyLoadOptions): KeyObject {
  const file = developmentKeyFile(options.dataRoot, "jwt-private.pem", () =>
    generateSigningKeys().privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  );
  const key = parsePrivateKey(file.text, `${file.path} (delete it to have a new pair created)`);
  options.log(
    `DEVELOPMENT DEFAULT: JWT signing keys ${file.created ? "created in" : "read from"} ${dirname(file.path)}. ` +
      "Anyone with that folder can sign tokens; production requires JWT_PRIVATE_KEY and JWT_PUBLIC_KEY.",
  );
  return key;
}

/** The users subgraph's key pair: JWT_PRIVATE_KEY, or in development a pair kept under DATA_DIR. */
export function loadSigningKeys(options: KeyLoadOptions): SigningKeys {
  let privateKey: KeyObject;
  if (options.pem !== undefined) {
    privateKey = parsePrivateKey(options.pem, "JWT_PRIVATE_KEY");
  } else if (options.mode === "production") {
    throw new ConfigError(
      `JWT_PRIVATE_KEY is required in production: an EC P-256 (ES256) private key PEM (create one with: ${GENERATE_HINT})`,
    );
  } else {
    privateKey = developmentPrivateKey(options);
  }
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/** The gateway's and other subgraphs' key: JWT_PUBLIC_KEY, or in development the shared pair's public half. */
export function loadVerificationKey(options: KeyLoadOptions): KeyObject {
  if (options.pem !== undefined) return parsePublicKey(options.pem, "JWT_PUBLIC_KEY");
  if (options.mode === "production") {
    throw new ConfigError(
      "JWT_PUBLIC_KEY is required in production: the EC P-256 public key PEM matching the users subgraph's JWT_PRIVATE_KEY",
    );
  }
  return createPublicKey(developmentPrivateKey(options));
}
