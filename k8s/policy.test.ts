import type { IHorizontalPodAutoscaler } from "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler";
import type { INetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import type { IPodDisruptionBudget } from "kubernetes-models/policy/v1/PodDisruptionBudget";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IService } from "kubernetes-models/v1/Service";
import { beforeAll, describe, expect, it } from "vitest";
import { type K8sObject, OVERLAYS, type Overlay, renderOverlays } from "./render.js";
import {
  DEPLOYABLES,
  type Deployable,
  defaultPort,
  environmentVariablesRead,
  metricsPath,
  shellHealthRoutes,
  shellRequestTimeoutSeconds,
} from "./serviceContract.js";
import { environmentOf, ofKind, portNumber, selects, type Workload, workloadsOf } from "./workloads.js";

// Variables whose values are credentials: only ever from a Secret, never a literal or a ConfigMap.
const SECRET_VARIABLES = [
  "JWT_PRIVATE_KEY",
  "JWT_PUBLIC_KEY",
  "SUBGRAPH_SIGNING_KEY",
  "SUBGRAPH_SIGNING_KEY_PREVIOUS",
  "DATABASE_URL",
  "REDIS_URL",
  "SMTP_URL",
  "SEED_ADMIN_PASSWORD",
];
// OTEL_EXPORTER_OTLP_TIMEOUT's default: how long the last spans may take to leave after the drain.
const SPAN_FLUSH_SECONDS = 10;

let rendered: Record<Overlay, K8sObject[]>;
beforeAll(async () => {
  rendered = await renderOverlays();
});

/** The deployable a LogiCore image belongs to (`logicore/users:0.1.0` -> users), else undefined. */
function deployableOf(container: IContainer): Deployable | undefined {
  const name = /^logicore\/([a-z]+)(?::|@|$)/.exec(container.image ?? "")?.[1];
  return DEPLOYABLES.find((deployable) => deployable === name);
}

function containersOf(workload: Workload): IContainer[] {
  return [...(workload.pod.initContainers ?? []), ...workload.pod.containers];
}

describe.each(OVERLAYS)("the %s overlay", (overlay) => {
  const objects = () => rendered[overlay];
  const workloads = () => workloadsOf(objects());
  const deployments = () => workloads().filter((workload) => workload.kind === "Deployment");
  const containers = () =>
    workloads().flatMap((workload) => containersOf(workload).map((container) => ({ workload, container })));

  it("gives every container cpu and memory requests and limits", () => {
    for (const { workload, container } of containers()) {
      const where = `${workload.name}/${container.name}`;
      for (const bound of ["requests", "limits"] as const) {
        expect(Object.keys(container.resources?.[bound] ?? {}).sort(), where).toEqual(["cpu", "memory"]);
      }
    }
  });

  it("gives every long-running container startup, liveness and readiness probes", () => {
    for (const { workload, container } of containers().filter(({ workload }) => workload.kind !== "Job")) {
      const where = `${workload.name}/${container.name}`;
      expect(container.startupProbe, where).toBeDefined();
      expect(container.livenessProbe, where).toBeDefined();
      expect(container.readinessProbe, where).toBeDefined();
    }
  });

  it("runs every container non-root, read-only, unprivileged, without capabilities, under RuntimeDefault", () => {
    for (const { workload, container } of containers()) {
      const pod = workload.pod.securityContext ?? {};
      const own = container.securityContext ?? {};
      const where = `${workload.name}/${container.name}`;
      expect(own.runAsNonRoot ?? pod.runAsNonRoot, where).toBe(true);
      expect(own.runAsUser ?? pod.runAsUser, where).toBeGreaterThan(0);
      expect(own.readOnlyRootFilesystem, where).toBe(true);
      expect(own.allowPrivilegeEscalation, where).toBe(false);
      expect(own.capabilities?.drop, where).toEqual(["ALL"]);
      expect(own.capabilities?.add ?? [], where).toEqual([]);
      expect((own.seccompProfile ?? pod.seccompProfile)?.type, where).toBe("RuntimeDefault");
      if (deployableOf(container) !== undefined) {
        expect([own.runAsUser ?? pod.runAsUser, own.runAsGroup ?? pod.runAsGroup], where).toEqual([
          10001, 10001,
        ]);
        const tmp = container.volumeMounts?.find((mount) => mount.mountPath === "/tmp");
        const volume = workload.pod.volumes?.find((candidate) => candidate.name === tmp?.name);
        expect(volume?.emptyDir, `${where}: an emptyDir at /tmp`).toBeDefined();
      }
    }
  });

  it("mounts no service-account token into any pod", () => {
    for (const workload of workloads())
      expect(workload.pod.automountServiceAccountToken, workload.name).toBe(false);
    for (const account of ofKind<{ automountServiceAccountToken?: boolean }>(objects(), "ServiceAccount")) {
      expect(account.automountServiceAccountToken, account.metadata.name).toBe(false);
    }
  });

  it("gives every Deployment an HPA on CPU and memory, a PDB and a NetworkPolicy of its own", () => {
    const hpas = ofKind<IHorizontalPodAutoscaler>(objects(), "HorizontalPodAutoscaler");
    const pdbs = ofKind<IPodDisruptionBudget>(objects(), "PodDisruptionBudget");
    for (const deployment of deployments()) {
      const hpa = hpas.find(
        ({ spec }) =>
          spec?.scaleTargetRef.kind === "Deployment" && spec.scaleTargetRef.name === deployment.name,
      );
      const resources = hpa?.spec?.metrics?.filter((metric) => metric.type === "Resource");
      expect(resources?.map((metric) => metric.resource?.name).sort(), deployment.name).toEqual([
        "cpu",
        "memory",
      ]);
      expect(
        pdbs.filter(({ spec }) => selects(spec?.selector, deployment.podLabels)).length,
        deployment.name,
      ).toBe(1);
    }
  });

  it("denies all traffic by default and lets every workload's pods through a policy of their own", () => {
    const policies = ofKind<INetworkPolicy>(objects(), "NetworkPolicy");
    const everyPod = (policy: INetworkPolicy) => Object.keys(policy.spec?.podSelector ?? {}).length === 0;
    const denyAll = policies.filter(
      (policy) =>
        everyPod(policy) &&
        [...(policy.spec?.policyTypes ?? [])].sort().join() === "Egress,Ingress" &&
        policy.spec?.ingress === undefined &&
        policy.spec?.egress === undefined,
    );
    expect(denyAll.length).toBe(1);
    for (const workload of workloads()) {
      const own = policies.filter(
        (policy) =>
          !everyPod(policy) &&
          selects(policy.spec?.podSelector, workload.podLabels) &&
          // A server needs a policy saying who may call it; a Job only one saying where it may go.
          (workload.kind === "Job" || (policy.spec?.ingress?.length ?? 0) > 0),
      );
      expect(own.length, `${workload.kind} ${workload.name}`).toBeGreaterThan(0);
    }
  });

  it("admits traffic from other namespaces only to the gateway, and Prometheus to the metrics ports", () => {
    for (const policy of ofKind<INetworkPolicy>(objects(), "NetworkPolicy")) {
      const gateway = selects(policy.spec?.podSelector, { "app.kubernetes.io/name": "gateway" });
      for (const rule of policy.spec?.ingress ?? []) {
        for (const peer of rule.from ?? []) {
          expect(peer.ipBlock, policy.metadata.name).toBeUndefined();
          const namespace = peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"];
          if (peer.namespaceSelector !== undefined && !gateway)
            expect(namespace, policy.metadata.name).toBe("monitoring");
        }
      }
    }
  });

  it("probes and scrapes the routes and ports the services serve", () => {
    const routes = shellHealthRoutes();
    const live = routes.find((route) => route.endsWith("/live"));
    const ready = routes.find((route) => route.endsWith("/ready"));
    for (const workload of deployments()) {
      const [container] = workload.pod.containers;
      const deployable = container && deployableOf(container);
      expect(deployable, workload.name).toBe(workload.name);
      if (container === undefined || deployable === undefined) continue;
      const port = Number(environmentOf(container, objects()).get("PORT")?.value ?? defaultPort(deployable));
      expect(port, `${deployable}: PORT is the contract's`).toBe(defaultPort(deployable));
      expect(portNumber(container, "http"), deployable).toBe(port);
      for (const [probe, path] of [
        [container.startupProbe, live],
        [container.livenessProbe, live],
        [container.readinessProbe, ready],
      ] as const) {
        expect(probe?.httpGet?.path, deployable).toBe(path);
        expect(portNumber(container, probe?.httpGet?.port), deployable).toBe(port);
      }
      const annotations = workload.podAnnotations;
      expect(annotations["prometheus.io/path"], deployable).toBe(metricsPath(deployable));
      expect(Number(annotations["prometheus.io/port"]), deployable).toBe(port);
      const service = ofKind<IService>(objects(), "Service").find((s) => s.metadata.name === deployable);
      expect(selects({ matchLabels: service?.spec?.selector ?? {} }, workload.podLabels), deployable).toBe(
        true,
      );
      expect(portNumber(container, service?.spec?.ports?.[0]?.targetPort), deployable).toBe(port);
    }
  });

  it("sets only variables the services read, credentials only from Secrets", () => {
    const known = environmentVariablesRead();
    for (const { workload, container } of containers().filter(({ container }) => deployableOf(container))) {
      for (const [name, entry] of environmentOf(container, objects())) {
        const where = `${workload.name}/${container.name}: ${name} (${entry.source})`;
        expect(known.has(name), `${where} is read by no service`).toBe(true);
        if (SECRET_VARIABLES.includes(name)) expect(entry.fromSecret, where).toBe(true);
      }
    }
    for (const configMap of objects().filter((object) => object.kind === "ConfigMap")) {
      const keys = Object.keys((configMap.data ?? {}) as Record<string, string>);
      expect(
        keys.filter((key) => SECRET_VARIABLES.includes(key)),
        configMap.metadata.name,
      ).toEqual([]);
    }
  });

  it("points the gateway at each subgraph's Service", () => {
    const gateway = deployments().find((workload) => workload.name === "gateway")?.pod.containers[0];
    const env = gateway && environmentOf(gateway, objects());
    for (const subgraph of DEPLOYABLES.filter((name) => name !== "gateway")) {
      const service = ofKind<IService>(objects(), "Service").find((s) => s.metadata.name === subgraph);
      expect(env?.get(`${subgraph.toUpperCase()}_SUBGRAPH_URL`)?.value).toBe(
        `http://${subgraph}:${service?.spec?.ports?.[0]?.port}/graphql`,
      );
    }
  });

  it("runs the contract's images, and each subgraph's migration Job with its migrate command", () => {
    for (const { container } of containers().filter(({ container }) => deployableOf(container))) {
      expect(container.image).toMatch(/^logicore\/(gateway|users|orders):[\w.-]+$/);
    }
    for (const subgraph of DEPLOYABLES.filter((name) => name !== "gateway")) {
      const job = workloads().find(
        (workload) => workload.kind === "Job" && workload.name === `${subgraph}-migrate`,
      );
      const [container] = job?.pod.containers ?? [];
      expect(container && deployableOf(container), subgraph).toBe(subgraph);
      expect(container?.command).toEqual(["node", `subgraphs/${subgraph}/dist/migrate.js`]);
      expect(job?.pod.restartPolicy).toBe("Never");
      const spec = objects().find((o) => o.kind === "Job" && o.metadata.name === job?.name)?.spec as {
        backoffLimit?: number;
        ttlSecondsAfterFinished?: number;
      };
      expect(spec.backoffLimit).toBeGreaterThan(0);
      expect(spec.ttlSecondsAfterFinished).toBeGreaterThan(0);
    }
  });

  it("waits out the preStop pause, the drain and the span flush before killing a pod", () => {
    for (const workload of deployments()) {
      const pause = workload.pod.containers[0]?.lifecycle?.preStop?.sleep?.seconds;
      expect(pause, workload.name).toBeGreaterThan(0);
      expect(workload.pod.terminationGracePeriodSeconds, workload.name).toBeGreaterThanOrEqual(
        (pause ?? 0) + shellRequestTimeoutSeconds() + SPAN_FLUSH_SECONDS,
      );
    }
  });
});
