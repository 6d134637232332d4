import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { parseAllDocuments } from "yaml";

/** A rendered Kubernetes object, before it is checked against its schema. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

const k8sDir = fileURLToPath(new URL(".", import.meta.url));
const run = promisify(execFile);

/**
 * The kubectl that renders (its built-in kustomize): KUBECTL, else `kubectl` on the PATH. Debian's
 * `kubernetes-client` (kubectl 1.20, kustomize v2.0.3) is the oldest the manifests are written for.
 */
export const kubectl = process.env.KUBECTL ?? "kubectl";

/** `kubectl kustomize k8s/<dir>`, parsed; fails with a message saying how to get kubectl. */
export async function render(dir: string): Promise<K8sObject[]> {
  let stdout: string;
  try {
    ({ stdout } = await run(kubectl, ["kustomize", `${k8sDir}${dir}`], { maxBuffer: 16 * 1024 * 1024 }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new Error(
        `${kubectl} not found: the k8s check renders the manifests with kubectl's kustomize. ` +
          "Install it (Debian: apt-get install -y kubernetes-client) or set KUBECTL to its path.",
      );
    }
    throw new Error(
      `${kubectl} kustomize k8s/${dir} failed: ${(error as { stderr?: string }).stderr ?? error}`,
    );
  }
  const objects: K8sObject[] = [];
  for (const document of parseAllDocuments(stdout)) {
    if (document.errors.length > 0) throw document.errors[0];
    const object = document.toJS() as K8sObject | null;
    if (object !== null) objects.push(object);
  }
  if (objects.length === 0) throw new Error(`kubectl kustomize k8s/${dir} rendered nothing`);
  return objects;
}

/** The overlays a cluster is deployed from, rendered once per test file. */
export const OVERLAYS = ["dev", "prod"] as const;
export type Overlay = (typeof OVERLAYS)[number];

export async function renderOverlays(): Promise<Record<Overlay, K8sObject[]>> {
  const [dev, prod] = await Promise.all(OVERLAYS.map((overlay) => render(`overlays/${overlay}`)));
  return { dev: dev ?? [], prod: prod ?? [] };
}
