import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { IIngress } from "kubernetes-models/networking.k8s.io/v1/Ingress";
import { beforeAll, describe, expect, it } from "vitest";
import { type K8sObject, render } from "./render.js";
import { ofKind, workloadsOf } from "./workloads.js";

// What only production promises, on top of k8s/policy.test.ts.
let prod: K8sObject[];
beforeAll(async () => {
  prod = await render("overlays/prod");
});

describe("the prod overlay", () => {
  it("runs at least two replicas of everything, in production mode", () => {
    for (const hpa of ofKind<IHorizontalPodAutoscaler>(prod, "HorizontalPodAutoscaler")) {
      expect(hpa.spec?.minReplicas, hpa.metadata.name).toBeGreaterThanOrEqual(2);
    }
    for (const deployment of workloadsOf(prod).filter((workload) => workload.kind === "Deployment")) {
      expect(deployment.replicas ?? 2, deployment.name).toBeGreaterThanOrEqual(2);
    }
    const config = prod.find((o) => o.kind === "ConfigMap" && o.metadata.name.startsWith("logicore-config"));
    expect((config?.data as Record<string, string> | undefined)?.NODE_ENV).toBe("production");
  });

  it("commits no Secret values", () => {
    const secrets = prod.filter((object) => object.kind === "Secret");
    expect(secrets.filter((secret) => secret.data !== undefined || secret.stringData !== undefined)).toEqual(
      [],
    );
  });

  it("exposes only the gateway's /graphql, over TLS", () => {
    const ingresses = ofKind<IIngress>(prod, "Ingress");
    expect(ingresses.length).toBe(1);
    for (const ingress of ingresses) {
      expect(ingress.spec?.tls?.length).toBeGreaterThan(0);
      const paths = ingress.spec?.rules?.flatMap((rule) => rule.http?.paths ?? []) ?? [];
      expect(paths.map((path) => [path.path, path.backend.service?.name])).toEqual([["/graphql", "gateway"]]);
    }
  });
});
