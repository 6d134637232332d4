import { AsyncLocalStorage } from "node:async_hooks";
import { RemoteGraphQLDataSource } from "@apollo/gateway";
import type { GatewayContext } from "../gatewayContext.js";
import {
  composeUpstream,
  type UpstreamCall,
  type UpstreamNext,
  type UpstreamRequest,
  type UpstreamResponse,
  type UpstreamStep,
} from "./pipeline.js";
import { limitResponseSize } from "./responseSizeLimit.js";

export interface SubgraphDataSourceOptions {
  /** The subgraph's name in the supergraph; clients see it as `extensions.serviceName`. */
  name: string;
  url: string;
  /** SUBGRAPH_MAX_RESPONSE_BYTES: the largest body read from the subgraph. @default 4194304 (4 MiB) */
  maxResponseBytes?: number | undefined;
  /** What runs around every call to the subgraph, outermost first (see upstreamSteps). */
  steps: readonly UpstreamStep[];
}

/**
 * One subgraph as the gateway calls it: Apollo's HTTP client with the upstream steps around it.
 * Only this adapter knows RemoteGraphQLDataSource's hooks; the steps see calls and responses.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly #name: string;
  readonly #call: UpstreamNext;
  /**
   * The call as the last step handed it on. RemoteGraphQLDataSource calls `fetcher` and
   * `willSendRequest` with no per-call options of ours, and one data source serves many requests at
   * once, so the call travels with the attempt's async context rather than in a field.
   */
  readonly #attempt = new AsyncLocalStorage<UpstreamCall>();

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url });
    this.#name = options.name;
    // The body is read (and counted) where it arrives: the steps only ever see it parsed.
    const fetcher = limitResponseSize(this.fetcher, {
      serviceName: options.name,
      ...(options.maxResponseBytes !== undefined ? { maxBytes: options.maxResponseBytes } : {}),
    });
    this.fetcher = (url, init) => fetcher(url, { ...init, signal: this.#attempt.getStore()?.signal });
    this.#call = composeUpstream(options.steps, (call) =>
      this.#attempt.run(call, () => super.process(call.request)),
    );
  }

  override willSendRequest({ request }: UpstreamRequest): void {
    const headers = this.#attempt.getStore()?.headers ?? {};
    for (const [name, value] of Object.entries(headers)) request.http?.headers.set(name, value);
  }

  override process(request: UpstreamRequest): Promise<UpstreamResponse> {
    const context = request.context as Partial<GatewayContext>;
    return this.#call({ serviceName: this.#name, request, context, headers: {} });
  }
}
