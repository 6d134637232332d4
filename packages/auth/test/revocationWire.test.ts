import { describe, expect, it } from "vitest";
import { type Revocation, takeRevocations, withRevocations } from "../src/index.js";

describe("the revocation wire contract", () => {
  it("gives the gateway back what a subgraph wrote, beside the response's other extensions", () => {
    const reported: Revocation[] = [
      { kind: "session", sessionId: "s-1", until: 1_900_000_000 },
      { kind: "user", userId: "u-1", issuedBefore: 1_800_000_000, until: 1_900_000_000 },
    ];
    expect(takeRevocations(withRevocations({ traceId: "t" }, reported))).toEqual({
      revocations: reported,
      malformed: 0,
      remaining: { traceId: "t" },
    });
  });

  it("writes revocations into a response that had no extensions", () => {
    const session: Revocation = { kind: "session", sessionId: "s-1", until: 1_900_000_000 };
    expect(takeRevocations(withRevocations(undefined, [session]))).toEqual({
      revocations: [session],
      malformed: 0,
      remaining: undefined,
    });
  });
});
