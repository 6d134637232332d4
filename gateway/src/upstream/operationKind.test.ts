import { describe, expect, it } from "vitest";
import { operationKindOf } from "./operationKind.js";

describe("operationKindOf", () => {
  it.each([
    ["{ account { id } }", "query"],
    ['query Op__accounts__0{account(id:"1"){id}}', "query"],
    ["query($representations:[_Any!]!){_entities(representations:$representations){__typename}}", "query"],
    ['  # planned\n mutation Op__inventory__0{reserve(sku:"1")}', "mutation"],
    ["subscription { ticks }", "subscription"],
    ["queryX { a }", undefined],
    ["fragment F on T { a } query { ...F }", undefined],
    [undefined, undefined],
  ])("%j is %s", (query, kind) => {
    expect(operationKindOf(query)).toBe(kind);
  });
});
