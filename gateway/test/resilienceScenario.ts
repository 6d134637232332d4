import { allow } from "@logicore/auth";
import type { ResilienceOptions } from "../src/index.js";
import { type FaultySubgraph, startFaultySubgraph } from "./faultySubgraph.js";
import {
  accountsResolvers,
  accountsSdl,
  composeFixtures,
  type FixtureSubgraph,
  startFixtureSubgraph,
  startTestGateway,
  type TestGateway,
} from "./fixtures.js";

const federation = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])`;

/** A subgraph with a query and a mutation, to see which of them the gateway repeats. */
export const inventorySdl = `${federation}
  type Stock @key(fields: "sku") { sku: ID! quantity: Int! }
  type Query { stock(sku: ID!): Stock }
  type Mutation { reserve(sku: ID!): Boolean! }
`;

const inventoryResolvers = {
  Query: { stock: (_: unknown, { sku }: { sku: string }) => ({ sku, quantity: 7 }) },
  Mutation: { reserve: () => true },
};

/** Small numbers, so that failing, opening and recovering all happen within a test. */
export const fastResilience = {
  breaker: {
    timeoutMs: 300,
    resetTimeoutMs: 500,
    volumeThreshold: 5,
    errorThresholdPercent: 50,
    rollingWindowMs: 10_000,
  },
  retries: 2,
} as const satisfies ResilienceOptions;

export const bothQuery = '{ account(id: "1") { name } stock(sku: "S-1") { quantity } }';
export const bothData = { account: { name: "Account 1" }, stock: { quantity: 7 } };

/**
 * accounts (healthy) and inventory behind a fault switch, federated by a gateway with fast
 * resilience settings: what breaks is always inventory, what must keep working is accounts.
 */
export interface ResilienceScenario {
  gateway: TestGateway;
  accounts: FixtureSubgraph;
  inventory: FaultySubgraph;
  /** GET on the gateway's origin. */
  get(path: string, headers?: Record<string, string>): Promise<Response>;
  /** The value of one series of `/metrics`, e.g. `logicore_gateway_circuit_state{subgraph="inventory"}`. */
  metric(series: string): Promise<number | undefined>;
  close(): Promise<void>;
}

export async function startResilienceScenario(
  resilience: ResilienceOptions = fastResilience,
): Promise<ResilienceScenario> {
  const accounts = await startFixtureSubgraph("accounts", accountsSdl, accountsResolvers);
  const realInventory = await startFixtureSubgraph("inventory", inventorySdl, inventoryResolvers);
  const inventory = await startFaultySubgraph(realInventory.url);
  const gateway = await startTestGateway({
    supergraphSdl: composeFixtures([accounts, realInventory]),
    subgraphUrlOverrides: { inventory: inventory.url },
    rules: {
      Query: { "*": allow },
      Mutation: { "*": allow },
      Account: { "*": allow },
      Stock: { "*": allow },
    },
    resilience,
  });
  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${gateway.origin}${path}`, { headers });
  return {
    gateway,
    accounts,
    inventory,
    get,
    metric: async (series) => {
      const text = await (await get("/metrics")).text();
      const line = text.split("\n").find((entry) => entry.startsWith(`${series} `));
      return line === undefined ? undefined : Number(line.slice(series.length + 1));
    },
    close: async () => {
      await gateway.server.close();
      await inventory.stop().catch(() => undefined);
      await realInventory.stop();
      await accounts.stop();
    },
  };
}

/** Runs `action` and says how long it took, in ms. */
export async function timed<T>(action: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await action();
  return { result, ms: performance.now() - start };
}
