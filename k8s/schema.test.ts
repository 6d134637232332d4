import { beforeAll, describe, expect, it } from "vitest";
import { type K8sObject, type Overlay, render, renderOverlays } from "./render.js";
import { validateAgainstSchema } from "./schemaModels.js";

let rendered: Record<Overlay | "monitoring", K8sObject[]>;

beforeAll(async () => {
  rendered = { ...(await renderOverlays()), monitoring: await render("monitoring") };
});

describe.each(["dev", "prod", "monitoring"] as const)("k8s/%s", (name) => {
  it("renders, and every object matches the Kubernetes OpenAPI schema of its kind", () => {
    const problems: string[] = [];
    for (const object of rendered[name]) {
      try {
        validateAgainstSchema(object);
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    expect(problems).toEqual([]);
    expect(rendered[name].length).toBeGreaterThan(0);
  });

  it("names every object once per kind and namespace", () => {
    const keys = rendered[name].map((o) => `${o.kind}/${o.metadata.namespace ?? ""}/${o.metadata.name}`);
    expect(keys.length).toBe(new Set(keys).size);
  });
});
