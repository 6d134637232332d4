import { AsyncLocalStorage } from "node:async_hooks";
import { RemoteGraphQLDataSource } from "@apollo/gateway";
import type { RevocationStore } from "@logicore/auth";
import { ErrorCode } from "@logicore/errors";
import { injectActiveTraceContext } from "@logicore/service";
import { GraphQLError } from "graphql";
import type { Logger } from "pino";
import type { GatewayContext } from "./gatewayContext.js";
import type { ObservabilityMetrics, SubgraphFetchOutcome } from "./observability/observabilityMetrics.js";
import { subgraphFetchOutcomeOf } from "./observability/subgraphFetchOutcome.js";
import { childTraceparent } from "./observability/traceContext.js";
import type { GatewayMetrics } from "./resilience/gatewayMetrics.js";
import { operationKindOf } from "./resilience/operationKind.js";
import type { RetryPolicy } from "./resilience/retryPolicy.js";
import type { SubgraphBreaker } from "./resilience/subgraphBreaker.js";
import { takeRevocations } from "./revocationExtension.js";
import { classifySubgraphFailure, isSubgraphOutage } from "./subgraphFailure.js";

type Process = RemoteGraphQLDataSource<GatewayContext>["process"];
type ProcessOptions = Parameters<Process>[0];
type DidReceiveResponse = NonNullable<RemoteGraphQLDataSource<GatewayContext>["didReceiveResponse"]>;

export interface SubgraphDataSourceOptions {
  /** The subgraph's name in the supergraph; clients see it as `extensions.serviceName`. */
  name: string;
  url: string;
  logger: Logger;
  /** Where revocations the subgraph reports go, so every replica refuses those tokens at once. */
  revocations: RevocationStore;
  /** This subgraph's circuit breaker: every fetch goes through it, with its timeout. */
  breaker: SubgraphBreaker;
  /** Retries failed query fetches (never mutations) within the client request's budget. */
  retry: RetryPolicy;
  /** REQUEST_TIMEOUT: the budget of one client request, from its arrival. */
  requestTimeoutMs: number;
  metrics: GatewayMetrics;
  /** Where each fetch attempt's duration and outcome are recorded. */
  observability: ObservabilityMetrics;
}

/**
 * One subgraph as the gateway calls it: relays the request id, the caller's token and address,
 * records the revocations the subgraph reports, and turns a failed call into a coded GraphQL error
 * for that subgraph's fields only, so the other subgraphs' data still reaches the client. Every fetch
 * runs through the subgraph's circuit breaker, aborted after its timeout; failed queries are retried.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly #name: string;
  readonly #logger: Logger;
  readonly #revocations: RevocationStore;
  readonly #options: SubgraphDataSourceOptions;
  /**
   * The abort signal of the attempt in progress. RemoteGraphQLDataSource calls `fetcher` with no
   * per-call options, and one data source serves many requests at once, so the signal travels
   * with the attempt's async context rather than in a field.
   */
  readonly #attemptSignal = new AsyncLocalStorage<AbortSignal>();

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url });
    this.#name = options.name;
    this.#logger = options.logger;
    this.#revocations = options.revocations;
    this.#options = options;
    const fetcher = this.fetcher;
    this.fetcher = (url, init) => fetcher(url, { ...init, signal: this.#attemptSignal.getStore() });
  }

  override willSendRequest(options: ProcessOptions): void {
    const headers = options.request.http?.headers;
    // Schema loading and health checks run outside any client request: nothing to relay.
    if (headers === undefined || options.kind !== "incoming operation") return;
    const { requestId, authorization, clientAddress, trace } = options.context;
    headers.set("x-request-id", requestId);
    // With tracing on, the gateway.fetch span is active here: the subgraph's spans become its
    // children. Off, each attempt (retries included) is still its own span id in the client's trace.
    if (!injectActiveTraceContext(headers)) headers.set("traceparent", childTraceparent(trace));
    if (authorization !== undefined) headers.set("authorization", authorization);
    // Replaces whatever the client claimed: only the address the gateway saw is worth anything.
    headers.set("x-forwarded-for", clientAddress);
  }

  override async didReceiveResponse(
    ...[{ response, context }]: Parameters<DidReceiveResponse>
  ): Promise<Awaited<ReturnType<DidReceiveResponse>>> {
    const { revocations, malformed, remaining } = takeRevocations(response.extensions);
    if (malformed > 0) {
      this.#logger.warn({ serviceName: this.#name, malformed }, "subgraph reported malformed revocations");
    }
    // Recorded before the client hears the operation succeeded: a logged-out token fails on its
    // very next request, on any replica. If the store cannot take them the operation fails,
    // and the client may repeat it (ending a session again is harmless).
    for (const revocation of revocations) await this.#revocations.revoke(revocation);
    if (revocations.length > 0) {
      this.#logger.info(
        { serviceName: this.#name, requestId: context.requestId, revocations: revocations.length },
        "revocations recorded",
      );
    }
    if (remaining === response.extensions) return response;
    const { extensions: _extensions, ...rest } = response;
    return remaining === undefined ? rest : { ...rest, extensions: remaining };
  }

  override async process(options: ProcessOptions): ReturnType<Process> {
    const { breaker, retry, metrics } = this.#options;
    const context = options.context as Partial<GatewayContext>;
    const receivedAt = context.receivedAt ?? performance.now();
    try {
      return await retry(
        () =>
          this.#recorded(context, () =>
            breaker.call((signal) => this.#attemptSignal.run(signal, () => super.process(options))),
          ),
        {
          // The planner's own text says what it sends: a mutation is never sent twice.
          retryable:
            options.kind === "incoming operation" && operationKindOf(options.request.query) === "query",
          deadline: receivedAt + this.#options.requestTimeoutMs,
          attemptTimeoutMs: breaker.settings.timeoutMs,
          // Once the circuit opens, retrying would only be refused (and fail the same way).
          shouldRetry: (failure) => isSubgraphOutage(failure) && breaker.state === "closed",
          onRetry: ({ attempt, delayMs, failure }) => {
            metrics.subgraphRetries.inc({ subgraph: this.#name });
            this.#logger.info(
              { err: failure, serviceName: this.#name, requestId: context.requestId, attempt, delayMs },
              "retrying subgraph query",
            );
          },
        },
      );
    } catch (failure) {
      const { code, message } = classifySubgraphFailure(this.#name, failure);
      if (code === ErrorCode.SUBGRAPH_UNAVAILABLE) metrics.subgraphFallbacks.inc({ subgraph: this.#name });
      this.#logger.warn(
        { err: failure, serviceName: this.#name, requestId: context.requestId },
        "subgraph call failed",
      );
      throw new GraphQLError(message, { extensions: { code, serviceName: this.#name } });
    }
  }

  /** Times one fetch attempt into the metrics and, for a client request, into its list of calls. */
  async #recorded<T>(context: Partial<GatewayContext>, attempt: () => Promise<T>): Promise<T> {
    const startedAt = performance.now();
    const record = (outcome: SubgraphFetchOutcome) => {
      const durationMs = performance.now() - startedAt;
      const labels = { subgraph: this.#name, outcome };
      this.#options.observability.subgraphFetchDuration.observe(labels, durationMs / 1000);
      if (outcome !== "success") this.#options.observability.subgraphFetchErrors.inc(labels);
      context.subgraphCalls?.push({
        subgraph: this.#name,
        durationMs: Math.round(durationMs * 100) / 100,
        outcome,
      });
    };
    try {
      const result = await attempt();
      record("success");
      return result;
    } catch (failure) {
      record(subgraphFetchOutcomeOf(failure));
      throw failure;
    }
  }
}
