import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fastResilience, type ResilienceScenario, startResilienceScenario } from "./resilienceScenario.js";

let scenario: ResilienceScenario;
beforeAll(async () => {
  // The circuit must stay closed here: these tests count calls, not refusals.
  scenario = await startResilienceScenario({
    ...fastResilience,
    breaker: { ...fastResilience.breaker, volumeThreshold: 1_000 },
  });
});
afterAll(async () => {
  await scenario?.close();
});
beforeEach(() => {
  scenario.inventory.received.length = 0;
  scenario.inventory.fault = { kind: "status", status: 503 };
});

const retries = 'logicore_gateway_subgraph_retries_total{subgraph="inventory"}';

describe("retries", () => {
  it("repeat a failed query up to SUBGRAPH_RETRIES times", async () => {
    const before = (await scenario.metric(retries)) ?? 0;
    const response = await scenario.gateway.post('{ stock(sku: "S-1") { quantity } }');
    expect(response.body.errors?.[0]?.extensions?.code).toBe("SUBGRAPH_UNAVAILABLE");
    expect(scenario.inventory.received).toHaveLength(1 + fastResilience.retries);
    expect(scenario.inventory.received.every(({ query }) => query.trimStart().startsWith("{"))).toBe(true);
    expect(await scenario.metric(retries)).toBe(before + fastResilience.retries);
  });

  it("succeed when the subgraph recovers between attempts", async () => {
    const before = (await scenario.metric(retries)) ?? 0;
    scenario.inventory.fault = { kind: "flaky", failures: 1 };
    const response = await scenario.gateway.post('{ stock(sku: "S-2") { quantity } }');
    expect(response.body).toEqual({ data: { stock: { quantity: 7 } } });
    expect(scenario.inventory.received).toHaveLength(2);
    expect(await scenario.metric(retries)).toBe(before + 1);
  });

  it("never repeat a mutation, however it failed", async () => {
    const before = (await scenario.metric(retries)) ?? 0;
    const response = await scenario.gateway.post('mutation { reserve(sku: "S-1") }');
    expect(response.body.errors?.[0]?.extensions).toEqual({
      code: "SUBGRAPH_UNAVAILABLE",
      serviceName: "inventory",
    });
    expect(scenario.inventory.received).toHaveLength(1);
    expect(scenario.inventory.received[0]?.query).toMatch(/^mutation\b/);
    expect(await scenario.metric(retries)).toBe(before);
  });

  it("never repeat a mutation that timed out either", async () => {
    scenario.inventory.fault = { kind: "hang" };
    await scenario.gateway.post('mutation { reserve(sku: "S-1") }');
    expect(scenario.inventory.received).toHaveLength(1);
  });
});
