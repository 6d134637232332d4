import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import type { GatewayContext } from "../gatewayContext.js";

/** What the query planner asks of a subgraph: the operation, its kind, the client's context. */
export type UpstreamRequest = GraphQLDataSourceProcessOptions<GatewayContext>;

/** The subgraph's GraphQL response, as the query planner receives it. */
export type UpstreamResponse = Awaited<ReturnType<GraphQLDataSource<GatewayContext>["process"]>>;

/**
 * One call to a subgraph as it travels through the steps. Immutable: a step that adds something
 * (a header, a signal) hands the next step a copy, so a retry starts again from what it was given.
 */
export interface UpstreamCall {
  /** The subgraph's name in the supergraph. */
  readonly serviceName: string;
  readonly request: UpstreamRequest;
  /**
   * The client request's context. Empty-ish outside a client request (schema loading, health
   * checks), hence Partial.
   */
  readonly context: Partial<GatewayContext>;
  /** Headers set on the HTTP request to the subgraph, over the ones Apollo sends. */
  readonly headers: Readonly<Record<string, string>>;
  /** Aborts the HTTP request (its socket is dropped). */
  readonly signal?: AbortSignal;
}

/** The rest of the pipeline, down to the HTTP request itself. */
export type UpstreamNext = (call: UpstreamCall) => Promise<UpstreamResponse>;

/**
 * One concern around a subgraph call: it may change the call before passing it on, act on the
 * response or the failure, call `next` again (a retry), or not at all (a refusal, a cached answer).
 */
export type UpstreamStep = (call: UpstreamCall, next: UpstreamNext) => Promise<UpstreamResponse>;

/** Chains the steps, the first outermost, around `send`, which makes the HTTP request. */
export function composeUpstream(steps: readonly UpstreamStep[], send: UpstreamNext): UpstreamNext {
  return steps.reduceRight<UpstreamNext>((next, step) => (call) => step(call, next), send);
}
