import { describe, expect, it } from "vitest";
import { REVOCATIONS_EXTENSION, takeRevocations } from "../src/revocationWire.js";

describe("takeRevocations", () => {
  it("takes the revocations out and leaves the other extensions", () => {
    const session = { kind: "session", sessionId: "s-1", until: 1_900_000_000 };
    const user = { kind: "user", userId: "u-1", issuedBefore: 1_800_000_000, until: 1_900_000_000 };
    expect(takeRevocations({ [REVOCATIONS_EXTENSION]: [session, user], traceId: "t" })).toEqual({
      revocations: [session, user],
      malformed: 0,
      remaining: { traceId: "t" },
    });
  });

  it("leaves no extensions object when the revocations were all there was", () => {
    expect(takeRevocations({ [REVOCATIONS_EXTENSION]: [] }).remaining).toBeUndefined();
  });

  it("returns responses without revocations as they were", () => {
    const extensions = { traceId: "t" };
    expect(takeRevocations(extensions)).toEqual({ revocations: [], malformed: 0, remaining: extensions });
    expect(takeRevocations(undefined).remaining).toBeUndefined();
  });

  it("counts, and does not trust, entries that are not revocations", () => {
    const taken = takeRevocations({
      [REVOCATIONS_EXTENSION]: [
        { kind: "session", sessionId: "", until: 1_900_000_000 },
        { kind: "session", sessionId: "s-1" },
        { kind: "user", userId: "u-1", until: 1_900_000_000 },
        { kind: "everyone", until: 1_900_000_000 },
        "s-1",
        null,
      ],
    });
    expect(taken).toEqual({ revocations: [], malformed: 6, remaining: undefined });
  });
});
