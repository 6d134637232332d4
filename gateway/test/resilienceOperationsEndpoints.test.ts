import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bearer } from "./identityFixtures.js";
import { bothQuery, type ResilienceScenario, startResilienceScenario } from "./resilienceScenario.js";

let scenario: ResilienceScenario;
beforeAll(async () => {
  scenario = await startResilienceScenario();
  // One failure of inventory, so its series have something to show.
  scenario.inventory.fault = { kind: "status", status: 500 };
  await scenario.gateway.post(bothQuery);
});
afterAll(async () => {
  await scenario?.close();
});

describe("GET /metrics", () => {
  it("serves the circuit gauge and the resilience counters per subgraph, and process metrics", async () => {
    const response = await scenario.get("/metrics");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    for (const series of [
      'logicore_gateway_circuit_state{subgraph="accounts"} 0',
      'logicore_gateway_circuit_state{subgraph="inventory"} 0',
      'logicore_gateway_circuit_opens_total{subgraph="inventory"} 0',
      'logicore_gateway_circuit_rejections_total{subgraph="inventory"} 0',
      'logicore_gateway_subgraph_timeouts_total{subgraph="inventory"} 0',
      'logicore_gateway_subgraph_fallbacks_total{subgraph="inventory"} 1',
      'logicore_gateway_subgraph_retries_total{subgraph="inventory"} 2',
      'logicore_gateway_subgraph_fallbacks_total{subgraph="accounts"} 0',
    ]) {
      expect(text).toContain(`\n${series}\n`);
    }
    expect(text).toContain("# TYPE logicore_gateway_circuit_state gauge");
    expect(text).toMatch(/^process_cpu_user_seconds_total \d/m);
  });
});

describe("GET /circuit-breakers", () => {
  it("is 401 without a token, with its challenge", async () => {
    const response = await scenario.get("/circuit-breakers");
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBe('Bearer realm="logicore"');
    expect(await response.json()).toEqual({
      errors: [{ message: "Authentication is required", extensions: { code: "UNAUTHENTICATED" } }],
    });
  });

  it("is 401 with a token the gateway does not trust", async () => {
    const response = await scenario.get("/circuit-breakers", { authorization: "Bearer not.a.token" });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(await response.json()).toMatchObject({
      errors: [{ extensions: { code: "UNAUTHENTICATED", reason: "invalid" } }],
    });
  });

  it("is 403 for a CUSTOMER", async () => {
    const response = await scenario.get("/circuit-breakers", bearer("CUSTOMER"));
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      errors: [{ message: "Only an ADMIN may see circuit breakers", extensions: { code: "FORBIDDEN" } }],
    });
  });

  it("shows an ADMIN every subgraph's state, failure rate, last change and counts", async () => {
    const response = await scenario.get("/circuit-breakers", bearer("ADMIN"));
    expect(response.status).toBe(200);
    const { subgraphs } = (await response.json()) as { subgraphs: Record<string, Record<string, unknown>> };
    expect(Object.keys(subgraphs).sort()).toEqual(["accounts", "inventory"]);
    expect(subgraphs.inventory).toMatchObject({
      state: "closed",
      failureRate: 100,
      stats: { calls: 3, failures: 3, successes: 0, rejections: 0, timeouts: 0 },
      settings: { timeoutMs: 300, resetTimeoutMs: 500 },
    });
    expect(subgraphs.accounts).toMatchObject({ state: "closed", failureRate: 0 });
    expect(new Date(String(subgraphs.inventory?.lastChange)).toISOString()).toBe(
      subgraphs.inventory?.lastChange,
    );
  });
});
