import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  bothData,
  bothQuery,
  fastResilience,
  type ResilienceScenario,
  startResilienceScenario,
  timed,
} from "./resilienceScenario.js";

let scenario: ResilienceScenario;
beforeEach(async () => {
  scenario = await startResilienceScenario();
});
afterEach(async () => {
  await scenario?.close();
});

const unavailable = { code: "SUBGRAPH_UNAVAILABLE", serviceName: "inventory" };
const state = 'logicore_gateway_circuit_state{subgraph="inventory"}';

describe("a subgraph stopped mid-traffic", () => {
  it("degrades to partial data, opens its circuit, fails fast while open and recovers through half-open", async () => {
    const { gateway, inventory } = scenario;
    expect((await gateway.post(bothQuery)).body).toEqual({ data: bothData });

    await inventory.stop();
    const degraded = await gateway.post(bothQuery);
    expect(degraded.status).toBe(200);
    expect(degraded.body.data).toEqual({ account: bothData.account, stock: null });
    expect(degraded.body.errors?.map((error) => error.extensions)).toEqual([unavailable]);

    // Each failed query is tried three times: the volume threshold (5) is passed on the second.
    await gateway.post(bothQuery);
    expect(await scenario.metric(state)).toBe(2);
    expect(await scenario.metric('logicore_gateway_circuit_opens_total{subgraph="inventory"}')).toBe(1);
    expect(gateway.logs).toContainEqual(
      expect.objectContaining({ level: 40, msg: "circuit opened: failing fast", serviceName: "inventory" }),
    );

    // Back up, but the circuit is open: no call reaches it, and the answer does not wait for one.
    await inventory.restart();
    const before = inventory.received.length;
    for (let i = 0; i < 5; i++) {
      const { result, ms } = await timed(() => gateway.post(bothQuery));
      expect(result.body.data).toEqual({ account: bothData.account, stock: null });
      expect(result.body.errors?.map((error) => error.extensions)).toEqual([unavailable]);
      expect(ms).toBeLessThan(150);
    }
    expect(inventory.received.length).toBe(before);
    expect(
      await scenario.metric('logicore_gateway_circuit_rejections_total{subgraph="inventory"}'),
    ).toBeGreaterThanOrEqual(5);

    await new Promise((resolve) => setTimeout(resolve, fastResilience.breaker.resetTimeoutMs + 100));
    expect(await (await scenario.get("/health/ready")).json()).toMatchObject({
      subgraphs: { inventory: "halfOpen", accounts: "closed" },
    });
    expect((await gateway.post(bothQuery)).body).toEqual({ data: bothData });
    expect(inventory.received.length).toBe(before + 1);
    expect(await scenario.metric(state)).toBe(0);
    expect(gateway.logs).toContainEqual(expect.objectContaining({ level: 30, msg: "circuit closed" }));
  });

  it("keeps the gateway ready while a circuit is open, reporting the state in the body", async () => {
    await scenario.inventory.stop();
    for (let i = 0; i < 3; i++) await scenario.gateway.post(bothQuery);
    const ready = await scenario.get("/health/ready");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: "ready",
      supergraph: "loaded",
      subgraphs: { accounts: "closed", inventory: "open" },
    });
  });
});

describe("answers that are not outages", () => {
  it("a GraphQL error in a 200 (BAD_USER_INPUT) never opens the circuit", async () => {
    for (let i = 0; i < 10; i++) {
      const response = await scenario.gateway.post('{ account(id: "x") { id } stock(sku: "S-1") { sku } }');
      expect(response.body.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    }
    expect(await scenario.metric('logicore_gateway_circuit_state{subgraph="accounts"}')).toBe(0);
  });

  it.each([
    [401, "UNAUTHENTICATED"],
    [403, "FORBIDDEN"],
  ])("HTTP %i keeps its meaning and never opens the circuit", async (status, code) => {
    scenario.inventory.fault = { kind: "status", status };
    for (let i = 0; i < 10; i++) {
      const response = await scenario.gateway.post(bothQuery);
      expect(response.body.errors?.map((error) => error.extensions)).toEqual([
        { code, serviceName: "inventory" },
      ]);
    }
    expect(await scenario.metric(state)).toBe(0);
    // Not retried either: the same request would get the same answer.
    expect(scenario.inventory.received).toHaveLength(10);
  });
});
