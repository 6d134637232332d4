import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  bothData,
  bothQuery,
  fastResilience,
  type ResilienceScenario,
  startResilienceScenario,
  timed,
} from "./resilienceScenario.js";

const timeoutMs = fastResilience.breaker.timeoutMs;
const unavailable = { code: "SUBGRAPH_UNAVAILABLE", serviceName: "inventory" };

let scenario: ResilienceScenario;
beforeEach(async () => {
  scenario = await startResilienceScenario();
});
afterEach(async () => {
  await scenario?.close();
});

describe("a hung subgraph (accepts, never answers)", () => {
  it("ends each request after SERVICE_TIMEOUT with partial data, and aborts the HTTP call", async () => {
    scenario.inventory.fault = { kind: "hang" };
    const { result, ms } = await timed(() => scenario.gateway.post(bothQuery));
    expect(result.status).toBe(200);
    expect(result.body.data).toEqual({ account: bothData.account, stock: null });
    expect(result.body.errors?.map((error) => error.extensions)).toEqual([unavailable]);
    expect(ms).toBeGreaterThanOrEqual(timeoutMs - 20);
    expect(ms).toBeLessThan(timeoutMs * 3);

    // A retry after a timeout cannot finish within REQUEST_TIMEOUT (2 x SERVICE_TIMEOUT): none starts.
    expect(scenario.inventory.received).toHaveLength(1);
    // The gateway hung up instead of leaving the request running on the subgraph.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(scenario.inventory.received[0]?.aborted).toBe(true);
    expect(await scenario.metric('logicore_gateway_subgraph_timeouts_total{subgraph="inventory"}')).toBe(1);
    expect(await scenario.metric('logicore_gateway_subgraph_fallbacks_total{subgraph="inventory"}')).toBe(1);
  });

  it("retries a timed-out query when the request budget leaves room for a whole attempt", async () => {
    await scenario.close();
    scenario = await startResilienceScenario({ ...fastResilience, requestTimeoutMs: timeoutMs * 10 });
    scenario.inventory.fault = { kind: "hang" };
    const { result, ms } = await timed(() => scenario.gateway.post(bothQuery));
    expect(result.body.errors?.map((error) => error.extensions)).toEqual([unavailable]);
    expect(scenario.inventory.received).toHaveLength(3);
    expect(ms).toBeLessThan(timeoutMs * 3 + 500);
  });
});

describe("a subgraph that answers, badly", () => {
  it.each([
    ["HTTP 500", { kind: "status", status: 500 } as const],
    ["HTTP 503", { kind: "status", status: 503 } as const],
    ["malformed JSON", { kind: "malformed" } as const],
  ])("%s gives SUBGRAPH_UNAVAILABLE with the other subgraph's data", async (_case, fault) => {
    scenario.inventory.fault = fault;
    const response = await scenario.gateway.post(bothQuery);
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual({ account: bothData.account, stock: null });
    expect(response.body.errors?.map((error) => error.extensions)).toEqual([unavailable]);
  });

  it("a slow subgraph just under SERVICE_TIMEOUT still answers in full", async () => {
    scenario.inventory.fault = { kind: "delay", ms: timeoutMs - 100 };
    const response = await scenario.gateway.post(bothQuery);
    expect(response.body).toEqual({ data: bothData });
    expect(scenario.inventory.received).toHaveLength(1);
  });
});
