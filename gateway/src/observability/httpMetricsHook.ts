import type { HttpApp } from "@logicore/service";
import type { ObservabilityMetrics } from "./observabilityMetrics.js";

export interface HttpMetricsOptions {
  metrics: ObservabilityMetrics;
}

/**
 * Times every HTTP request into `logicore_gateway_http_request_duration_seconds`. The route label is
 * the matched pattern (`/graphql`), never the raw URL: query strings and unknown paths would make
 * one series per request.
 */
export function registerHttpMetrics(app: HttpApp, options: HttpMetricsOptions): void {
  app.addHook("onResponse", async (request, reply) => {
    options.metrics.httpRequestDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? "unknown",
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });
}
