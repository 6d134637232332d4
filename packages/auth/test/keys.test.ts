import { spawn } from "node:child_process";
import { createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ConfigError, type Mode } from "@logicore/config";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  generateSigningKeys,
  type KeyLoadOptions,
  loadSigningKeys,
  loadVerificationKey,
} from "../src/index.js";

const pem = (key: KeyObject) =>
  key.type === "private"
    ? key.export({ type: "pkcs8", format: "pem" }).toString()
    : key.export({ type: "spki", format: "pem" }).toString();

const pair = generateSigningKeys();
const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 });
const p384 = generateKeyPairSync("ec", { namedCurve: "secp384r1" });

let dataRoot: string;
let logged: string[];

beforeEach(async () => {
  dataRoot = await mkdtemp(join(tmpdir(), "logicore-auth-keys-"));
  logged = [];
});

afterEach(async () => {
  await rm(dataRoot, { recursive: true, force: true });
});

const options = (mode: Mode, keyPem?: string): KeyLoadOptions => ({
  mode,
  pem: keyPem,
  dataRoot,
  log: (message) => logged.push(message),
});

describe("loadSigningKeys", () => {
  it("requires JWT_PRIVATE_KEY in production", () => {
    expect(() => loadSigningKeys(options("production"))).toThrow(ConfigError);
    expect(() => loadSigningKeys(options("production"))).toThrow(/JWT_PRIVATE_KEY is required in production/);
  });

  it("uses the configured key and derives its public half", () => {
    const keys = loadSigningKeys(options("production", pem(pair.privateKey)));
    expect(pem(keys.publicKey)).toBe(pem(pair.publicKey));
    expect(logged).toEqual([]);
  });

  it.each([
    ["an RSA key", pem(rsa.privateKey), /JWT_PRIVATE_KEY must be an EC P-256 \(ES256\) private key, got rsa/],
    ["a P-384 key", pem(p384.privateKey), /JWT_PRIVATE_KEY must be an EC P-256 .*secp384r1/],
    ["a public key", pem(pair.publicKey), /JWT_PRIVATE_KEY must be an unencrypted EC P-256 private key PEM/],
  ])("refuses %s with a ConfigError that does not quote it", (_name, keyPem, message) => {
    const error = (() => {
      try {
        loadSigningKeys(options("production", keyPem));
      } catch (thrown) {
        return thrown as Error;
      }
      throw new Error("expected a ConfigError");
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain("-----BEGIN");
  });

  it("keeps the development key readable by its owner only (file 0600 in a 0700 folder)", async () => {
    loadSigningKeys(options("development"));
    const folder = join(dataRoot, "keys");
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
    expect((await stat(join(folder, "jwt-private.pem"))).mode & 0o777).toBe(0o600);
  });

  it("creates a development pair once, warns loudly, and reuses it", async () => {
    const first = loadSigningKeys(options("development"));
    const second = loadSigningKeys(options("development"));
    expect(pem(second.privateKey)).toBe(pem(first.privateKey));
    expect(pem(first.publicKey)).toBe(pem(createPublicKey(first.privateKey)));
    expect(logged[0]).toMatch(/^DEVELOPMENT DEFAULT: .*created in .*logicore-auth-keys-.*keys/);
    expect(logged[1]).toMatch(/^DEVELOPMENT DEFAULT: .*read from /);
    expect(await readdir(join(dataRoot, "keys"))).toEqual(["jwt-private.pem"]);
    expect(await readFile(join(dataRoot, "keys", "jwt-private.pem"), "utf8")).toBe(pem(first.privateKey));
  });

  it("refuses a development key file that is not a P-256 private key, naming the file", async () => {
    loadSigningKeys(options("development"));
    await writeFile(join(dataRoot, "keys", "jwt-private.pem"), pem(rsa.privateKey));
    expect(() => loadSigningKeys(options("development"))).toThrow(/jwt-private\.pem .*delete it/);
  });
});

describe("loadVerificationKey", () => {
  it("requires JWT_PUBLIC_KEY in production", () => {
    expect(() => loadVerificationKey(options("production"))).toThrow(ConfigError);
    expect(() => loadVerificationKey(options("production"))).toThrow(
      /JWT_PUBLIC_KEY is required in production/,
    );
  });

  it("uses the configured public key", () => {
    expect(pem(loadVerificationKey(options("production", pem(pair.publicKey))))).toBe(pem(pair.publicKey));
  });

  it.each([
    [
      "an RSA public key",
      pem(rsa.publicKey),
      /JWT_PUBLIC_KEY must be an EC P-256 \(ES256\) public key, got rsa/,
    ],
    ["a private key", pem(pair.privateKey), /JWT_PUBLIC_KEY holds a private key/],
    [
      "text that is no key",
      "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----",
      /JWT_PUBLIC_KEY must be/,
    ],
  ])("refuses %s", (_name, keyPem, message) => {
    expect(() => loadVerificationKey(options("production", keyPem))).toThrow(ConfigError);
    expect(() => loadVerificationKey(options("production", keyPem))).toThrow(message);
  });

  it("in development, is the public half of the pair the signer uses", () => {
    const verification = loadVerificationKey(options("development"));
    const signing = loadSigningKeys(options("development"));
    expect(pem(verification)).toBe(pem(signing.publicKey));
  });
});

const helper = join(dirname(fileURLToPath(import.meta.url)), "support", "loadDevKeyProcess.ts");

interface Racer {
  ready: Promise<void>;
  go(): void;
  publicKey: Promise<string>;
}

function startRacer(purpose: "sign" | "verify"): Racer {
  const child = spawn(process.execPath, ["--import", "tsx", helper, dataRoot, purpose], {
    cwd: dirname(helper),
    stdio: ["pipe", "pipe", "inherit"],
  });
  let output = "";
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
    output += chunk;
    if (output.startsWith("ready\n")) markReady();
  });
  const publicKey = new Promise<string>((resolve, reject) => {
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve(output.slice("ready\n".length)) : reject(new Error(`racer exited ${code}`)),
    );
  });
  return { ready, go: () => child.stdin.end("go\n"), publicKey };
}

describe("development keys under concurrent start-up", () => {
  it("give every process the same pair when several create it at the same moment", async () => {
    const racers = ["sign", "verify", "sign", "verify", "sign", "verify"].map((purpose) =>
      startRacer(purpose as "sign" | "verify"),
    );
    await Promise.all(racers.map((racer) => racer.ready));
    for (const racer of racers) racer.go();
    const keys = await Promise.all(racers.map((racer) => racer.publicKey));

    expect(keys[0]).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(new Set(keys).size).toBe(1);
    // And the one on disk is the one they all use, with no temporary files left behind.
    expect(await readdir(join(dataRoot, "keys"))).toEqual(["jwt-private.pem"]);
    expect(pem(loadVerificationKey(options("development")))).toBe(keys[0]);
  });
});
