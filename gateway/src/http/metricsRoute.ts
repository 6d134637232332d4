import type { HttpApp } from "@logicore/service";
import type { Registry } from "prom-client";

export interface MetricsRouteOptions {
  /** The gateway's own registry (never prom-client's global one). */
  registry: Registry;
  /** @default "/metrics" */
  path?: string;
}

/**
 * `GET /metrics` in Prometheus text format. Unauthenticated, as scrapers expect: it carries counts
 * and states, no data. Deployments keep it off the public ingress (k8s scrapes the pod directly).
 */
export function registerMetricsRoute(app: HttpApp, options: MetricsRouteOptions): void {
  app.get(options.path ?? "/metrics", async (_request, reply) => {
    const body = await options.registry.metrics();
    return reply.header("content-type", options.registry.contentType).send(body);
  });
}
