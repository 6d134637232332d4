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
  await accounts?.stop();
});

async function until(condition: () => boolean): Promise<void> {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 300) throw new Error("timed out waiting");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe("shutting down under load", () => {
  it("finishes all 50 in-flight requests with 200 before close resolves, then refuses new ones", async () => {
    const before = accounts.received.length;
    const burst = Array.from({ length: 50 }, (_, i) =>
      gateway.post(`{ slowAccount(id: "${i}", delayMs: 300) { id } }`),
    );
    // Every request is with the subgraph when the signal comes (main.ts calls close on SIGTERM).
    await until(() => accounts.received.length - before >= 50);
    // Responses finished during the drain end their connections: close must not wait for clients.
    await gateway.server.close();

    const responses = await Promise.all(burst);
    expect(responses.map((response) => response.status)).toEqual(Array(50).fill(200));
    expect(responses.map((response) => response.body)).toEqual(
      Array.from({ length: 50 }, (_, i) => ({ data: { slowAccount: { id: String(i) } } })),
    );
    await expect(fetch(`${gateway.origin}/health/live`)).rejects.toThrow();
  });
});
