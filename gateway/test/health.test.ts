import { once } from "node:events";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  accountsResolvers,
  accountsSdl,
  composeFixtures,
  type FixtureSubgraph,
  startFixtureSubgraph,
  startTestGateway,
  type TestGateway,
} from "./fixtures.js";

let accounts: FixtureSubgraph;
let gateway: TestGateway;

beforeAll(async () => {
  accounts = await startFixtureSubgraph("accounts", accountsSdl, accountsResolvers);
  gateway = await startTestGateway({ supergraphSdl: composeFixtures([accounts]) });
});
afterAll(async () => {
  await gateway?.server.close();
  await accounts?.stop();
});

async function until(condition: () => boolean): Promise<void> {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 200) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("health", () => {
  it("is live, and ready once the supergraph is loaded", async () => {
    const live = await fetch(`${gateway.origin}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${gateway.origin}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: "ready",
      supergraph: "loaded",
      subgraphs: { accounts: "closed" },
    });
  });

  it("turns unready as soon as close begins, while the in-flight request still completes", async () => {
    // One raw connection: a slow query is in flight when close begins, and the readiness probe is
    // sent on the same connection after that (a new connection would simply be refused).
    const { port } = new URL(gateway.origin);
    const socket = connect(Number(port), "127.0.0.1");
    await once(socket, "connect");
    let received = "";
    socket.on("data", (chunk: Buffer) => {
      received += chunk.toString();
    });
    const body = JSON.stringify({ query: '{ slowAccount(id: "1", delayMs: 300) { id } }' });
    socket.write(
      `POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    const before = accounts.received.length;
    await until(() => accounts.received.length > before);

    const closed = gateway.server.close();
    socket.write("GET /health/ready HTTP/1.1\r\nHost: localhost\r\n\r\n");
    await closed;
    await until(() => socket.closed);

    const statuses = [...received.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((match) => Number(match[1]));
    expect(statuses).toEqual([200, 503]);
    expect(received).toContain('{"data":{"slowAccount":{"id":"1"}}}');
    await expect(fetch(`${gateway.origin}/health/ready`)).rejects.toThrow();
  });
});
