import type { IDeployment } from "kubernetes-models/apps/v1/Deployment";
import type { IContainer } from "kubernetes-models/v1/Container";
import type { IPodSpec } from "kubernetes-models/v1/PodSpec";
import type { K8sObject } from "./render.js";

export type LabelSelector = NonNullable<IDeployment["spec"]>["selector"];

/** A Deployment, StatefulSet or Job, with the pod it runs. */
export interface Workload {
  kind: "Deployment" | "StatefulSet" | "Job";
  name: string;
  podLabels: Record<string, string>;
  podAnnotations: Record<string, string>;
  pod: IPodSpec;
  replicas: number | undefined;
}

const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet", "Job"]);

export function workloadsOf(objects: readonly K8sObject[]): Workload[] {
  return objects
    .filter((object) => WORKLOAD_KINDS.has(object.kind))
    .map((object) => {
      const spec = object.spec as {
        replicas?: number;
        template: {
          metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
          spec: IPodSpec;
        };
      };
      return {
        kind: object.kind as Workload["kind"],
        name: object.metadata.name,
        podLabels: spec.template.metadata?.labels ?? {},
        podAnnotations: spec.template.metadata?.annotations ?? {},
        pod: spec.template.spec,
        replicas: spec.replicas,
      };
    });
}

export function ofKind<T>(objects: readonly K8sObject[], kind: string): Array<K8sObject & T> {
  return objects.filter((object) => object.kind === kind) as Array<K8sObject & T>;
}

/** Kubernetes' own label-selector semantics (an empty selector selects everything). */
export function selects(selector: LabelSelector | undefined, labels: Record<string, string>): boolean {
  if (selector === undefined) return false;
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([key, value]) => labels[key] === value);
  return (
    byLabel &&
    (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
      const value = labels[key];
      switch (operator) {
        case "In":
          return value !== undefined && values.includes(value);
        case "NotIn":
          return value === undefined || !values.includes(value);
        case "Exists":
          return value !== undefined;
        case "DoesNotExist":
          return value === undefined;
        default:
          throw new Error(`unknown selector operator ${operator}`);
      }
    })
  );
}

/** One variable a container gets, and whether its value comes from a Secret. */
export interface EnvEntry {
  value: string | undefined;
  fromSecret: boolean;
  source: string;
}

/** The container's environment: `envFrom` ConfigMaps (resolved in `objects`), then `env`. */
export function environmentOf(container: IContainer, objects: readonly K8sObject[]): Map<string, EnvEntry> {
  const env = new Map<string, EnvEntry>();
  for (const from of container.envFrom ?? []) {
    if (from.secretRef !== undefined) throw new Error(`${container.name}: envFrom a whole Secret`);
    const name = from.configMapRef?.name;
    const configMap = objects.find((object) => object.kind === "ConfigMap" && object.metadata.name === name);
    if (configMap === undefined) throw new Error(`${container.name}: ConfigMap ${name} is not rendered`);
    for (const [key, value] of Object.entries((configMap.data ?? {}) as Record<string, string>)) {
      env.set(key, { value, fromSecret: false, source: `ConfigMap ${name}` });
    }
  }
  for (const variable of container.env ?? []) {
    env.set(variable.name, {
      value: variable.value,
      fromSecret: variable.valueFrom?.secretKeyRef !== undefined,
      source: variable.valueFrom?.secretKeyRef ? `Secret ${variable.valueFrom.secretKeyRef.name}` : "env",
    });
  }
  return env;
}

/** A named or numbered container port, as a number. */
export function portNumber(container: IContainer, port: number | string | undefined): number | undefined {
  if (typeof port === "number") return port;
  return container.ports?.find((candidate) => candidate.name === port)?.containerPort;
}
