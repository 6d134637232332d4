import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigError } from "@logicore/config";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type GatewayProofClaims,
  generateGatewayProofKey,
  loadGatewayProofKeys,
  signGatewayProof,
  verifyGatewayProof,
} from "../src/index.js";

const key = generateGatewayProofKey();
const body = '{"query":"{ me { id } }","variables":{}}';
const claims: GatewayProofClaims = { audience: "users", requestId: "req-1", clientAddress: "203.0.113.7" };
const now = Date.UTC(2026, 0, 1);
const sign = (overrides: Partial<Parameters<typeof signGatewayProof>[1]> = {}) =>
  signGatewayProof(claims, { body, key, nowMs: now, ...overrides });
const verify = (
  token: string | undefined,
  overrides: Partial<Parameters<typeof verifyGatewayProof>[1]> = {},
) => verifyGatewayProof(token, { audience: "users", keys: { current: key }, body, nowMs: now, ...overrides });

describe("gateway proof", () => {
  it("carries the audience, request id and client address to the subgraph it was made for", () => {
    expect(verify(sign())).toEqual({ ok: true, claims });
  });

  it("refuses no proof, garbage, and a payload re-signed by nobody", () => {
    expect(verify(undefined)).toMatchObject({ ok: false });
    expect(verify("")).toMatchObject({ ok: false });
    expect(verify("v1.e30.AAAA")).toMatchObject({ ok: false, reason: "bad signature" });
    const [version, , mac] = sign().split(".");
    const admin = Buffer.from(JSON.stringify({ aud: "users", addr: "10.0.0.1" })).toString("base64url");
    expect(verify(`${version}.${admin}.${mac}`)).toMatchObject({ ok: false, reason: "bad signature" });
    expect(verify(`v2.${sign().slice(3)}`)).toMatchObject({ ok: false, reason: "malformed" });
  });

  it("refuses a proof made with another key", () => {
    expect(verify(sign({ key: generateGatewayProofKey() }))).toMatchObject({ reason: "bad signature" });
  });

  it("refuses a proof for another subgraph", () => {
    expect(verify(sign(), { audience: "orders" })).toMatchObject({ ok: false, reason: "other audience" });
  });

  it("refuses a proof replayed with another body", () => {
    const other = '{"query":"{ users(first: 100) { edges { node { email } } } }"}';
    expect(verify(sign(), { body: other })).toMatchObject({ ok: false, reason: "other body" });
  });

  it("lives its lifetime plus the tolerated skew, and no more", () => {
    const token = sign({ ttlSeconds: 30 });
    expect(verify(token, { nowMs: now + 34_000 })).toMatchObject({ ok: true });
    expect(verify(token, { nowMs: now + 35_000 })).toMatchObject({ ok: false, reason: "expired" });
    expect(verify(token, { nowMs: now - 5_000 })).toMatchObject({ ok: true });
    expect(verify(token, { nowMs: now - 6_000 })).toMatchObject({ reason: "issued in the future" });
    expect(verify(sign({ ttlSeconds: 3600 }))).toMatchObject({ ok: false, reason: "lifetime" });
  });

  it("accepts the previous key during a rotation, and only while it is configured", () => {
    const previous = generateGatewayProofKey();
    const old = sign({ key: previous });
    expect(verify(old, { keys: { current: key, previous } })).toMatchObject({ ok: true });
    expect(verify(old)).toMatchObject({ ok: false });
  });
});

describe("gateway proof keys", () => {
  let dataRoot: string;
  let logged: string[];
  beforeEach(async () => {
    dataRoot = await mkdtemp(join(tmpdir(), "logicore-proof-keys-"));
    logged = [];
  });
  afterEach(() => rm(dataRoot, { recursive: true, force: true }));
  const log = (message: string) => void logged.push(message);
  const encoded = key.toString("base64");

  it("reads SUBGRAPH_SIGNING_KEY and the previous key as base64", () => {
    const previous = generateGatewayProofKey();
    const keys = loadGatewayProofKeys({
      mode: "production",
      key: encoded,
      previousKey: previous.toString("base64"),
      dataRoot,
      log,
    });
    expect(keys.current.equals(key)).toBe(true);
    expect(keys.previous?.equals(previous)).toBe(true);
  });

  it("refuses a missing key in production, and a short or garbled one anywhere, without quoting it", () => {
    expect(() => loadGatewayProofKeys({ mode: "production", key: undefined, dataRoot, log })).toThrow(
      /^SUBGRAPH_SIGNING_KEY is required in production/,
    );
    const short = Buffer.alloc(16, 7).toString("base64");
    for (const bad of [short, "not base64!", `${encoded}?`]) {
      const load = () => loadGatewayProofKeys({ mode: "development", key: bad, dataRoot, log });
      expect(load).toThrow(ConfigError);
      expect(load).toThrow(/SUBGRAPH_SIGNING_KEY must be base64 of at least 32/);
      expect(load).not.toThrow(bad);
    }
    expect(() =>
      loadGatewayProofKeys({ mode: "production", key: encoded, previousKey: short, dataRoot, log }),
    ).toThrow(/^SUBGRAPH_SIGNING_KEY_PREVIOUS must be/);
  });

  it("in development, creates one private key file under DATA_DIR that every service reads, loudly", async () => {
    const first = loadGatewayProofKeys({ mode: "development", key: undefined, dataRoot, log });
    const second = loadGatewayProofKeys({ mode: "development", key: undefined, dataRoot, log });
    expect(first.current.equals(second.current)).toBe(true);
    expect(first.current).toHaveLength(32);
    const file = join(dataRoot, "keys", "subgraph-signing.key");
    expect((await readFile(file, "utf8")).trim()).toBe(first.current.toString("base64"));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(logged[0]).toMatch(/^DEVELOPMENT DEFAULT: subgraph signing key created in /);
    expect(logged[1]).toMatch(/^DEVELOPMENT DEFAULT: subgraph signing key read from /);
  });
});
