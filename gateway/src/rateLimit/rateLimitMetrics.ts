import { GATEWAY_METRIC_NAMES } from "@logicore/service";
import { Counter, type Registry } from "prom-client";

/** Who a decision was about: a signed-in user, or an address without a valid token. */
export type RateLimitedClientKind = "user" | "anonymous";
export type RateLimitDecisionLabel = "allowed" | "limited";

export type RateLimitMetrics = Counter<"client" | "decision">;

/**
 * `logicore_gateway_rate_limit_decisions_total{client,decision}` on the gateway's registry. Every
 * series exists from the start (at 0), so an alert on `limited` has a baseline before the first refusal.
 */
export function createRateLimitMetrics(registry: Registry): RateLimitMetrics {
  const decisions = new Counter({
    name: GATEWAY_METRIC_NAMES.rateLimitDecisions,
    help: "GraphQL requests checked against a rate limit, by client kind (user, anonymous) and decision",
    labelNames: ["client", "decision"],
    registers: [registry],
  });
  for (const client of ["user", "anonymous"] satisfies RateLimitedClientKind[]) {
    for (const decision of ["allowed", "limited"] satisfies RateLimitDecisionLabel[]) {
      decisions.inc({ client, decision }, 0);
    }
  }
  return decisions;
}
