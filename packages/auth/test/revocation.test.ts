import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:net";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createMemoryRevocationStore,
  createRedisRevocationStore,
  createRevocationStore,
} from "../src/index.js";
import { describeRevocationStore } from "./support/revocationStoreBehaviour.js";
import { tokenFor } from "./support/tokens.js";

describeRevocationStore("memory", createMemoryRevocationStore);

// A Redis server runs on every machine of this project (README); REDIS_URL points elsewhere.
const redisUrl = process.env.REDIS_URL || "redis://127.0.0.1:6379";

describe("Redis revocation store against a real server", () => {
  const keyPrefix = `logicore:test:${randomUUID()}:`;
  let inspector: Redis;
  beforeAll(() => {
    inspector = new Redis(redisUrl);
  });

  afterAll(async () => {
    const keys = await inspector.keys(`${keyPrefix}*`);
    if (keys.length > 0) await inspector.del(...keys);
    await inspector.quit();
  });

  describeRevocationStore("Redis", () => createRedisRevocationStore(redisUrl, { keyPrefix }));

  it("keeps its entries under the key prefix, expiring at `until`", async () => {
    const store = createRedisRevocationStore(redisUrl, { keyPrefix });
    const until = Math.floor(Date.now() / 1000) + 600;
    await store.revoke({ kind: "session", sessionId: "prefix-check", until });
    expect(await inspector.expiretime(`${keyPrefix}session:prefix-check`)).toBe(until);
    await store.close();
  });

  it("is what createRevocationStore returns for a URL: revocations are shared across instances", async () => {
    const writer = createRevocationStore(redisUrl);
    const reader = createRevocationStore(redisUrl);
    const { claims } = tokenFor("DRIVER", randomUUID(), `shared-${randomUUID()}`);
    await writer.revoke({ kind: "session", sessionId: claims.sid, until: claims.exp });
    expect(await reader.isRevoked(claims)).toBe(true);
    await inspector.del(`logicore:revoked:session:${claims.sid}`);
    await Promise.all([writer.close(), reader.close()]);
  });
});

describe("createRevocationStore without a URL", () => {
  it("keeps revocations in this instance only", async () => {
    const first = createRevocationStore(undefined);
    const second = createRevocationStore(undefined);
    const { claims } = tokenFor();
    await first.revoke({ kind: "session", sessionId: claims.sid, until: claims.exp });
    expect(await first.isRevoked(claims)).toBe(true);
    expect(await second.isRevoked(claims)).toBe(false);
  });
});

describe("Redis revocation store when Redis cannot answer", () => {
  const { claims } = tokenFor();

  it("rejects isRevoked (fails closed) when nothing listens", async () => {
    const store = createRedisRevocationStore("redis://127.0.0.1:1", { commandTimeoutMs: 500 });
    await expect(store.isRevoked(claims)).rejects.toThrow();
    await expect(
      store.revoke({ kind: "session", sessionId: claims.sid, until: claims.exp }),
    ).rejects.toThrow();
    await store.close();
  });

  it("rejects isRevoked within the command timeout when the server never replies", async () => {
    // Reads every command and answers none, like a server stuck mid-failover.
    const silent: Server = createServer((socket) => socket.resume());
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as { port: number };
    const store = createRedisRevocationStore(`redis://127.0.0.1:${port}`, { commandTimeoutMs: 300 });
    const started = Date.now();
    await expect(store.isRevoked(claims)).rejects.toThrow(/timed out/i);
    expect(Date.now() - started).toBeLessThan(2000);
    await store.close();
    await new Promise((resolve) => silent.close(resolve));
  });
});
