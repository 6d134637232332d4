import { describe, expect, it } from "vitest";
import codegenConfig from "../codegen.js";
import { staleResolverTypes } from "./resolverTypes.js";

describe("the subgraphs' generated resolver types", () => {
  it("match what pnpm codegen writes from today's SDL", async () => {
    expect(await staleResolverTypes()).toEqual([]);
  });

  it("are reported stale when the SDL says something they do not", async () => {
    const [path, target] = Object.entries(codegenConfig.generates)[0] ?? [];
    if (!path || !target || Array.isArray(target) || typeof target !== "object") throw new Error("no target");
    const schema = [...[target.schema ?? []].flat(), "extend type Query { addedByTheTest: Int }"];
    expect(await staleResolverTypes({ generates: { [path]: { ...target, schema } } })).toEqual([path]);
  });
});
