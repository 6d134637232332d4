import type { HttpApp, Mode } from "@logicore/service";
import type { Logger } from "pino";
import type { Registry } from "prom-client";
import type { GatewayAuthOptions } from "../gatewayContext.js";
import { registerCircuitBreakersRoute } from "../http/circuitBreakersRoute.js";
import { registerExplorerRoute } from "../http/explorerRoute.js";
import { registerHttpSecurity } from "../http/httpSecurity.js";
import { registerMetricsRoute } from "../http/metricsRoute.js";
import { registerHttpMetrics } from "../observability/httpMetricsHook.js";
import type { ObservabilityMetrics } from "../observability/observabilityMetrics.js";
import type { SubgraphResilience } from "../resilience/subgraphResilience.js";

export interface GatewayRoutesOptions {
  mode: Mode;
  corsOrigins: readonly string[];
  registry: Registry;
  observability: ObservabilityMetrics;
  resilience: SubgraphResilience;
  auth: GatewayAuthOptions;
  logger: Logger;
}

/**
 * Everything the gateway serves besides `/graphql` and the health probes (which the shell owns):
 * security headers and CORS first, so every later route has them, then `/metrics`, the explorer
 * (development), request metrics and `/circuit-breakers`.
 */
export async function registerGatewayRoutes(app: HttpApp, options: GatewayRoutesOptions): Promise<void> {
  const { resilience } = options;
  await registerHttpSecurity(app, { mode: options.mode, corsOrigins: options.corsOrigins });
  registerMetricsRoute(app, { registry: options.registry });
  if (options.mode === "development") registerExplorerRoute(app);
  registerHttpMetrics(app, { metrics: options.observability });
  registerCircuitBreakersRoute(app, {
    statuses: () =>
      Object.fromEntries([...resilience.breakers].map(([name, breaker]) => [name, breaker.status()])),
    auth: options.auth,
    logger: options.logger,
  });
}
