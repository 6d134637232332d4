import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ResilienceScenario, startResilienceScenario } from "./resilienceScenario.js";

let scenario: ResilienceScenario;
beforeAll(async () => {
  scenario = await startResilienceScenario();
});
afterAll(async () => {
  await scenario?.close();
});

const metricsText = async () => (await scenario.get("/metrics")).text();

describe("operation metrics", () => {
  it("counts and times a named query that succeeded", async () => {
    const { status } = await scenario.gateway.post('query AccountName { account(id: "1") { name } }');
    expect(status).toBe(200);
    const labels = 'operation_name="AccountName",operation_type="query",outcome="success"';
    expect(await scenario.metric(`logicore_gateway_graphql_operations_total{${labels}}`)).toBe(1);
    expect(
      await scenario.metric(`logicore_gateway_graphql_operation_duration_seconds_count{${labels}}`),
    ).toBe(1);
  });

  it("labels anonymous, invalid and refused operations without their text", async () => {
    await scenario.gateway.post('{ account(id: "2") { name } }');
    await scenario.gateway.post("query Broken { account(id: 1) { nope } }");
    expect(
      await scenario.metric(
        'logicore_gateway_graphql_operations_total{operation_name="anonymous",operation_type="query",outcome="success"}',
      ),
    ).toBe(1);
    expect(
      await scenario.metric(
        'logicore_gateway_graphql_operations_total{operation_name="Broken",operation_type="query",outcome="rejected"}',
      ),
    ).toBe(1);
    expect(
      await scenario.metric('logicore_gateway_graphql_errors_total{code="GRAPHQL_VALIDATION_FAILED"}'),
    ).toBe(1);
  });

  it("counts an operation whose subgraph failed as an error, with the subgraph's fetch errors", async () => {
    scenario.inventory.fault = { kind: "status", status: 500 };
    try {
      const { body } = await scenario.gateway.post('query Stock { stock(sku: "S-1") { quantity } }');
      expect(body.errors?.[0]?.extensions?.code).toBe("SUBGRAPH_UNAVAILABLE");
    } finally {
      scenario.inventory.fault = { kind: "none" };
    }
    const text = await metricsText();
    expect(text).toContain(
      '\nlogicore_gateway_graphql_operations_total{operation_name="Stock",operation_type="query",outcome="error"} 1\n',
    );
    expect(text).toContain('\nlogicore_gateway_graphql_errors_total{code="SUBGRAPH_UNAVAILABLE"} 1\n');
    // The first try and two retries, each a failed fetch attempt.
    expect(text).toContain(
      '\nlogicore_gateway_subgraph_fetch_errors_total{subgraph="inventory",outcome="http_error"} 3\n',
    );
    expect(text).toContain(
      '\nlogicore_gateway_subgraph_fetch_errors_total{subgraph="accounts",outcome="http_error"} 0\n',
    );
    expect(text).toContain(
      '\nlogicore_gateway_subgraph_fetch_duration_seconds_count{subgraph="inventory",outcome="http_error"} 3\n',
    );
    expect(text).toMatch(
      /\nlogicore_gateway_subgraph_fetch_duration_seconds_count\{subgraph="accounts",outcome="success"\} [1-9]\d*\n/,
    );
  });

  it("gives at most 100 operation names a label of their own, and the rest 'other'", async () => {
    for (let index = 0; index < 150; index += 1) {
      await scenario.gateway.post(`query Generated${index} { account(id: "1") { name } }`);
    }
    await scenario.gateway.post(`query ${"x".repeat(65)} { account(id: "1") { name } }`);
    const text = await metricsText();
    const names = new Set(
      [...text.matchAll(/^logicore_gateway_graphql_operations_total\{operation_name="([^"]+)"/gm)].map(
        (match) => match[1],
      ),
    );
    const special = ["anonymous", "invalid", "other"];
    expect([...names].filter((name) => name !== undefined && !special.includes(name)).length).toBe(100);
    expect(names).toContain("other");
    expect(names).toContain("invalid");
    expect(names).not.toContain("Generated149");
  });
});

describe("HTTP metrics", () => {
  it("times requests by method, matched route and status; unknown paths share one route", async () => {
    await scenario.get("/no/such/path?id=42");
    await scenario.get("/health/live");
    const text = await metricsText();
    expect(text).toMatch(
      /\nlogicore_gateway_http_request_duration_seconds_count\{method="POST",route="\/graphql",status="200"\} [1-9]\d*\n/,
    );
    expect(text).toContain(
      '\nlogicore_gateway_http_request_duration_seconds_count{method="GET",route="/health/live",status="200"} 1\n',
    );
    expect(text).toContain(
      '\nlogicore_gateway_http_request_duration_seconds_count{method="GET",route="unknown",status="404"} 1\n',
    );
    expect(text).not.toContain("id=42");
    expect(text).toContain("# TYPE logicore_gateway_http_request_duration_seconds histogram");
  });
});

describe("query-plan cache metrics", () => {
  it("counts a miss when an operation is first planned and a hit each time it comes back", async () => {
    const hits = async () =>
      (await scenario.metric("logicore_gateway_query_plan_cache_hits_total")) ?? Number.NaN;
    const misses = async () =>
      (await scenario.metric("logicore_gateway_query_plan_cache_misses_total")) ?? Number.NaN;
    const [hitsBefore, missesBefore] = [await hits(), await misses()];
    const query = 'query PlanCacheProbe { account(id: "3") { name } }';
    for (let round = 0; round < 3; round += 1) {
      expect((await scenario.gateway.post(query)).status).toBe(200);
    }
    expect(await misses()).toBe(missesBefore + 1);
    expect(await hits()).toBe(hitsBefore + 2);
    // Another operation is another plan.
    await scenario.gateway.post('query PlanCacheOther { account(id: "3") { id } }');
    expect(await misses()).toBe(missesBefore + 2);
  });
});
