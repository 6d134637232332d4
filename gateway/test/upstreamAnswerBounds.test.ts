import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { allow } from "@logicore/auth";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadGatewayConfig } from "../src/config/gatewayConfig.js";
import {
  accountsResolvers,
  accountsSdl,
  composeFixtures,
  type FixtureSubgraph,
  type GraphQLResult,
  startFixtureSubgraph,
  startTestGateway,
  type TestGateway,
} from "./fixtures.js";

const federation = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])`;

/** Adds a field to accounts' Account, so a query across both makes the gateway send `_entities`. */
const reviewsSdl = `${federation}
  type Account @key(fields: "id") { id: ID! rating: Int }
  type Query { topRating: Int }
`;

const reviewsResolvers = {
  Query: { topRating: () => 5 },
  Account: { __resolveReference: ({ id }: { id: string }) => ({ id, rating: 4 }) },
};

/** How the stand-in for reviews answers. */
type Answer = "real" | "oversized-streamed" | "oversized-declared" | "entities-short";

const MiB = 1024 * 1024;

/**
 * reviews' address, answering as the real subgraph or with a well-formed answer that breaks the
 * gateway's bounds: a body far over SUBGRAPH_MAX_RESPONSE_BYTES, or too few `_entities`.
 */
async function startMisbehavingReviews(targetUrl: string) {
  /** `cutOff`: the gateway dropped the last oversized body before it was all sent. */
  const state = { answer: "real" as Answer, cutOff: false };
  const send = async (request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const json = { "content-type": "application/json" };
    switch (state.answer) {
      case "oversized-streamed": {
        // No content-length, and far more than socket buffers hold: only counting the bytes as they
        // arrive can stop it, and the stand-in sees the gateway hang up.
        state.cutOff = false;
        response.on("close", () => {
          state.cutOff = !response.writableFinished;
        });
        response.writeHead(200, json);
        response.write('{"data":{"topRating":5},"extensions":{"padding":"');
        const chunk = "x".repeat(64 * 1024);
        for (let sent = 0; sent < 32 * MiB && !response.destroyed; sent += chunk.length) {
          if (response.write(chunk)) continue;
          await new Promise((resolve) => {
            response.once("drain", resolve);
            response.once("close", resolve);
          });
        }
        if (!response.destroyed) response.end('"}}');
        return;
      }
      case "oversized-declared": {
        const padding = "x".repeat(6 * MiB);
        const payload = `{"data":{"topRating":5},"extensions":{"padding":"${padding}"}}`;
        response.writeHead(200, { ...json, "content-length": String(Buffer.byteLength(payload)) });
        response.end(payload);
        return;
      }
      case "entities-short":
        // A well-formed answer with one entity fewer than the representations sent.
        response.writeHead(200, json).end('{"data":{"_entities":[]}}');
        return;
      case "real": {
        const upstream = await fetch(targetUrl, { method: "POST", headers: json, body });
        response.writeHead(upstream.status, json).end(await upstream.text());
        return;
      }
    }
  };
  const server: Server = createServer((request, response) => {
    send(request, response).catch(() => response.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    state,
    stop: async () => {
      const closed = new Promise((resolve) => server.close(resolve));
      server.closeAllConnections();
      await closed;
    },
  };
}

describe("subgraph answers beyond the gateway's bounds", () => {
  let accounts: FixtureSubgraph;
  let realReviews: FixtureSubgraph;
  let reviews: Awaited<ReturnType<typeof startMisbehavingReviews>>;
  let gateway: TestGateway;

  const metric = async (name: string, labels: string[]): Promise<number | undefined> => {
    const text = await (await fetch(`${gateway.origin}/metrics`)).text();
    const line = text
      .split("\n")
      .find((entry) => entry.startsWith(`${name}{`) && labels.every((label) => entry.includes(label)));
    return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
  };

  const expectReviewsUnavailable = (result: GraphQLResult) => {
    expect(result.status).toBe(200);
    const codes = result.body.errors?.map((error) => error.extensions?.code);
    expect(codes).toEqual(["SUBGRAPH_UNAVAILABLE"]);
    expect(result.body.errors?.[0]?.extensions?.serviceName).toBe("reviews");
    expect(JSON.stringify(result.body)).not.toContain("xxxx");
    expect(JSON.stringify(result.body)).not.toContain("INTERNAL_SERVER_ERROR");
  };

  const expectCountedAsFailure = async () => {
    expect(
      await metric("logicore_gateway_subgraph_fetch_errors_total", [
        'subgraph="reviews"',
        'outcome="http_error"',
      ]),
    ).toBe(1);
    expect(await metric("logicore_gateway_subgraph_fallbacks_total", ['subgraph="reviews"'])).toBe(1);
    // One failure in a window of one call: the breaker counted it and opened.
    expect(await metric("logicore_gateway_circuit_state", ['subgraph="reviews"'])).toBe(2);
  };

  beforeAll(async () => {
    accounts = await startFixtureSubgraph("accounts", accountsSdl, accountsResolvers);
    realReviews = await startFixtureSubgraph("reviews", reviewsSdl, reviewsResolvers);
    reviews = await startMisbehavingReviews(realReviews.url);
  });

  afterEach(async () => {
    await gateway.server.close();
    reviews.state.answer = "real";
  });

  afterAll(async () => {
    await reviews.stop();
    await realReviews.stop();
    await accounts.stop();
  });

  const startGateway = async () => {
    gateway = await startTestGateway({
      supergraphSdl: composeFixtures([accounts, realReviews]),
      subgraphUrlOverrides: { reviews: reviews.url },
      rules: { Query: { "*": allow }, Account: { "*": allow } },
      resilience: {
        breaker: { volumeThreshold: 1, errorThresholdPercent: 50, resetTimeoutMs: 60_000 },
        retries: 0,
      },
    });
  };

  it("answers as usual while reviews is well-behaved", async () => {
    await startGateway();
    const result = await gateway.post('{ account(id: "1") { name rating } topRating }');
    expect(result.body).toEqual({ data: { account: { name: "Account 1", rating: 4 }, topRating: 5 } });
  });

  it.each(["oversized-streamed", "oversized-declared"] as const)(
    "cuts off a %s body over SUBGRAPH_MAX_RESPONSE_BYTES (4 MiB): reviews' fields null, a coded error, a counted failure",
    async (answer) => {
      await startGateway();
      reviews.state.answer = answer;
      const result = await gateway.post('{ account(id: "1") { name } topRating }');
      expectReviewsUnavailable(result);
      expect(result.body.data).toEqual({ account: { name: "Account 1" }, topRating: null });
      await expectCountedAsFailure();
      // Counted as it streamed in: the gateway hung up before the stand-in had sent it all.
      if (answer === "oversized-streamed") await expect.poll(() => reviews.state.cutOff).toBe(true);
    },
  );

  it("fails reviews alone when it answers the wrong number of _entities, naming it and counting it", async () => {
    await startGateway();
    reviews.state.answer = "entities-short";
    const result = await gateway.post('{ account(id: "1") { name rating } }');
    expectReviewsUnavailable(result);
    expect(result.body.data).toEqual({ account: { name: "Account 1", rating: null } });
    await expectCountedAsFailure();
  });
});

describe("SUBGRAPH_MAX_RESPONSE_BYTES", () => {
  it("is read in bytes, from 1 KiB up, and left to the default (4 MiB) when unset", () => {
    expect(loadGatewayConfig({ SUBGRAPH_MAX_RESPONSE_BYTES: "65536" }).resilience.maxResponseBytes).toBe(
      65_536,
    );
    expect(loadGatewayConfig({}).resilience.maxResponseBytes).toBeUndefined();
    expect(() => loadGatewayConfig({ SUBGRAPH_MAX_RESPONSE_BYTES: "10" })).toThrow(
      /SUBGRAPH_MAX_RESPONSE_BYTES/,
    );
  });
});
