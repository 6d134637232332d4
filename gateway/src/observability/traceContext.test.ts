import { describe, expect, it } from "vitest";
import { childTraceparent, parseTraceparent, startTrace, traceContextFrom } from "./traceContext.js";

const traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
const valid = `00-${traceId}-00f067aa0ba902b7-01`;

describe("parseTraceparent", () => {
  it("reads the trace id and flags of a valid version-00 header", () => {
    expect(parseTraceparent(valid)).toEqual({ traceId, flags: "01" });
    expect(parseTraceparent(` ${valid.replace(/-01$/, "-00")} `)).toEqual({ traceId, flags: "00" });
  });

  it("accepts a later version with extra fields", () => {
    expect(parseTraceparent(`cc-${traceId}-00f067aa0ba902b7-01-what-the-future-holds`)).toEqual({
      traceId,
      flags: "01",
    });
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["several headers", [valid, valid]],
    ["upper-case hex", valid.toUpperCase()],
    ["version ff", valid.replace(/^00/, "ff")],
    ["version 00 with extra fields", `${valid}-extra`],
    ["all-zero trace id", `00-${"0".repeat(32)}-00f067aa0ba902b7-01`],
    ["all-zero parent id", `00-${traceId}-${"0".repeat(16)}-01`],
    ["short trace id", `00-${traceId.slice(1)}-00f067aa0ba902b7-01`],
    ["not hex", `00-${traceId.replace("4", "g")}-00f067aa0ba902b7-01`],
  ])("rejects a header that is %s", (_case, header) => {
    expect(parseTraceparent(header)).toBeUndefined();
  });
});

describe("traceContextFrom and childTraceparent", () => {
  it("keeps the client's trace id and makes a new parent id per call", () => {
    const trace = traceContextFrom(valid);
    const first = childTraceparent(trace);
    const second = childTraceparent(trace);
    expect(first).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
    expect(first.split("-")[2]).not.toBe("00f067aa0ba902b7");
    expect(first).not.toBe(second);
    expect(parseTraceparent(first)).toEqual(trace);
  });

  it("starts a new sampled trace when the client sent none or an invalid one", () => {
    for (const header of [undefined, "garbage"]) {
      const trace = traceContextFrom(header);
      expect(trace.traceId).toMatch(/^[0-9a-f]{32}$/);
      expect(trace.flags).toBe("01");
      expect(parseTraceparent(childTraceparent(trace))).toEqual(trace);
    }
    expect(startTrace().traceId).not.toBe(startTrace().traceId);
  });
});
