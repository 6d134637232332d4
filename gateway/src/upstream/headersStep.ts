import { injectActiveTraceContext } from "@logicore/service";
import { childTraceparent } from "../observability/traceContext.js";
import type { UpstreamStep } from "./pipeline.js";

/**
 * Relays the client request to the subgraph: its request id, the caller's token and address, and
 * the trace. Runs per attempt, so each retry is its own span in the client's trace.
 */
export function headersStep(): UpstreamStep {
  return async (call, next) => {
    // Schema loading and health checks run outside any client request: nothing to relay.
    if (call.request.kind !== "incoming operation") return next(call);
    const { requestId, authorization, clientAddress, trace } = call.request.context;
    const headers = new Headers(call.headers);
    headers.set("x-request-id", requestId);
    // With tracing on, the gateway.fetch span is active here: the subgraph's spans become its
    // children. Off, each attempt (retries included) is still its own span id in the client's trace.
    if (!injectActiveTraceContext(headers)) headers.set("traceparent", childTraceparent(trace));
    if (authorization !== undefined) headers.set("authorization", authorization);
    // Replaces whatever the client claimed: only the address the gateway saw is worth anything.
    headers.set("x-forwarded-for", clientAddress);
    return next({ ...call, headers: Object.fromEntries(headers) });
  };
}
