import { randomBytes } from "node:crypto";

/** The part of a W3C trace context (`traceparent`) that one client request keeps for all its calls. */
export interface TraceContext {
  /** 32 lower-case hex digits, never all zeros. */
  readonly traceId: string;
  /** 2 lower-case hex digits (01 = sampled). */
  readonly flags: string;
}

// https://www.w3.org/TR/trace-context/#traceparent-header-field-values. Lower case only: the spec
// says a vendor must not accept upper-case hex. Versions after 00 may append fields, so only 00 is
// held to the exact length.
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;
const ALL_ZEROS = /^0+$/;

/**
 * The trace a `traceparent` header belongs to, or undefined when the header is missing or invalid:
 * a malformed header must start a new trace rather than be relayed, as the spec asks.
 */
export function parseTraceparent(header: string | readonly string[] | undefined): TraceContext | undefined {
  // Several traceparent headers are ambiguous: the spec says to ignore them all.
  if (typeof header !== "string") return undefined;
  const match = TRACEPARENT.exec(header.trim());
  if (match === null) return undefined;
  const [, version, traceId, parentId, flags, rest] = match;
  if (version === undefined || traceId === undefined || parentId === undefined || flags === undefined) {
    return undefined;
  }
  if (version === "ff" || (version === "00" && rest !== undefined)) return undefined;
  if (ALL_ZEROS.test(traceId) || ALL_ZEROS.test(parentId)) return undefined;
  return { traceId, flags };
}

/** A new sampled trace, for a client that sent none (or an invalid one). */
export function startTrace(): TraceContext {
  return { traceId: randomHex(16), flags: "01" };
}

/** The client's trace when it sent a valid `traceparent`, else a new one. */
export function traceContextFrom(header: string | readonly string[] | undefined): TraceContext {
  return parseTraceparent(header) ?? startTrace();
}

/**
 * The `traceparent` for one outgoing call: the request's trace id with a new parent id, since each
 * subgraph fetch is its own span within that trace.
 */
export function childTraceparent(trace: TraceContext): string {
  return `00-${trace.traceId}-${randomHex(8)}-${trace.flags}`;
}

function randomHex(bytes: number): string {
  // An all-zero id is invalid; with 8 random bytes it is a 2^-64 chance, but it costs one check.
  for (;;) {
    const hex = randomBytes(bytes).toString("hex");
    if (!ALL_ZEROS.test(hex)) return hex;
  }
}
