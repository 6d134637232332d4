import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LOGICORE_METRIC_NAMES } from "../src/metrics/names.js";

const asset = (name: string) =>
  readFileSync(new URL(`../../../observability/${name}`, import.meta.url), "utf8");

interface Dashboard {
  panels: { title: string; targets?: { expr: string }[] }[];
}

const dashboardExprs = (JSON.parse(asset("grafana-dashboard.json")) as Dashboard).panels.flatMap(
  (panel) => panel.targets?.map((target) => target.expr) ?? [],
);
// Every rule keeps its expression on one `expr:` line, so a line match is a full parse of it.
const ruleExprs = [...asset("prometheus-rules.yaml").matchAll(/^\s*expr:\s*(.+)$/gm)].map((m) => m[1] ?? "");

const metricNamesIn = (expr: string) =>
  [...expr.matchAll(/logicore_[a-z_]+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, ""));

describe("observability assets", () => {
  it.each([
    ["grafana-dashboard.json", dashboardExprs],
    ["prometheus-rules.yaml", ruleExprs],
  ])("%s only queries metrics the code defines", (_name, exprs) => {
    expect(exprs.length).toBeGreaterThan(3);
    const unknown = exprs.flatMap(metricNamesIn).filter((name) => !LOGICORE_METRIC_NAMES.includes(name));
    expect(unknown).toEqual([]);
  });

  it("cover the subgraph metrics, breakers and pool", () => {
    const used = new Set([...dashboardExprs, ...ruleExprs].flatMap(metricNamesIn));
    for (const name of [
      "logicore_subgraph_graphql_operation_duration_seconds",
      "logicore_subgraph_db_query_duration_seconds",
      "logicore_subgraph_db_pool_connections",
      "logicore_gateway_circuit_state",
      "logicore_gateway_graphql_operation_duration_seconds",
    ]) {
      expect(used).toContain(name);
    }
  });
});
