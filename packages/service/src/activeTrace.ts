import { context, isSpanContextValid, ProxyTracerProvider, propagation, trace } from "@opentelemetry/api";

/** The name this package's spans are created under. */
export const TRACER_NAME = "@logicore/service";

/**
 * Whether spans go anywhere: an OpenTelemetry SDK registered a tracer provider (`startTracing`, or
 * one preloaded by the operator). The API alone hands out a proxy that stays a no-op until then.
 */
export function tracingIsOn(): boolean {
  const provider = trace.getTracerProvider();
  return !(provider instanceof ProxyTracerProvider) || provider.getDelegateTracer(TRACER_NAME) !== undefined;
}

/** The active span's trace as a `traceparent` holds it; undefined when no span is active (tracing off). */
export function activeTraceContext(): { traceId: string; flags: string } | undefined {
  const spanContext = trace.getSpanContext(context.active());
  if (spanContext === undefined || !isSpanContextValid(spanContext)) return undefined;
  return { traceId: spanContext.traceId, flags: spanContext.traceFlags.toString(16).padStart(2, "0") };
}

/** Anything with fetch's `Headers.set`, like the headers of a subgraph request. */
export interface HeaderSetter {
  set(name: string, value: string): void;
}

/**
 * Writes the active span's `traceparent` (and `tracestate`) with the registered propagator, so the
 * callee's spans are children of the active one. False, and nothing written, when no span is active.
 */
export function injectActiveTraceContext(headers: HeaderSetter): boolean {
  const active = context.active();
  const spanContext = trace.getSpanContext(active);
  if (spanContext === undefined || !isSpanContextValid(spanContext)) return false;
  propagation.inject(active, headers, { set: (carrier, name, value) => carrier.set(name, value) });
  return true;
}
