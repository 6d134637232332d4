import type { ServiceEndpointDefinition } from "@apollo/gateway";
import type { RevocationStore } from "@logicore/auth";
import { ConfigError } from "@logicore/service";
import type { Logger } from "pino";
import type { ObservabilityMetrics } from "../observability/observabilityMetrics.js";
import type { SubgraphResilience } from "../resilience/subgraphResilience.js";
import { breakerStep } from "./breakerStep.js";
import { entitiesCountStep } from "./entitiesCountStep.js";
import { failureMappingStep } from "./failureMappingStep.js";
import { headersStep } from "./headersStep.js";
import { metricsStep } from "./metricsStep.js";
import type { UpstreamStep } from "./pipeline.js";
import { createRetryPolicy } from "./retryPolicy.js";
import { retryStep } from "./retryStep.js";
import { revocationIntakeStep } from "./revocationIntakeStep.js";
import { signatureStep } from "./signatureStep.js";
import { SubgraphDataSource } from "./subgraphDataSource.js";
import { timeoutStep } from "./timeoutStep.js";

export interface SubgraphDataSourceFactoryOptions {
  /** A subgraph's URL replacing the supergraph's, if any. @default none: the supergraph's URLs */
  urlFor?: (subgraphName: string) => string | undefined;
  logger: Logger;
  /** Where revocations the subgraphs report go (the gateway's revocation store). */
  revocations: RevocationStore;
  /** The breakers, their settings (timeouts, retries, request budget) and the gateway metrics. */
  resilience: SubgraphResilience;
  /** Where each fetch attempt's duration and outcome are recorded. */
  observability: ObservabilityMetrics;
  /** SUBGRAPH_SIGNING_KEY: every call carries a proof made with it (see signatureStep). */
  signingKey: Buffer;
}

/** What upstreamSteps needs for one subgraph. */
export interface UpstreamStepsOptions extends Omit<SubgraphDataSourceFactoryOptions, "urlFor"> {
  subgraphName: string;
}

/**
 * The steps around every call to one subgraph, outermost first. A failure is mapped to the client's
 * error once, after the retries; each attempt is timed (refusals included), then goes through the
 * breaker, which must see the timeout fail and an answer that breaks the plan (wrong `_entities`);
 * headers, the proof and revocations belong to one HTTP exchange (each attempt is signed anew). The
 * body's size is bounded below the steps, where it is read (see SubgraphDataSource).
 */
export function upstreamSteps(options: UpstreamStepsOptions): UpstreamStep[] {
  const { logger, resilience } = options;
  const breaker = resilience.breakerFor(options.subgraphName);
  return [
    failureMappingStep({ metrics: resilience.metrics, logger }),
    retryStep({
      policy: createRetryPolicy({ retries: resilience.settings.retries }),
      requestTimeoutMs: resilience.settings.requestTimeoutMs,
      attemptTimeoutMs: breaker.settings.timeoutMs,
      circuitState: () => breaker.state,
      metrics: resilience.metrics,
      logger,
    }),
    metricsStep({ observability: options.observability }),
    breakerStep({ breaker }),
    entitiesCountStep(),
    timeoutStep({ timeoutMs: breaker.settings.timeoutMs }),
    headersStep(),
    signatureStep({ subgraphName: options.subgraphName, key: options.signingKey }),
    revocationIntakeStep({ revocations: options.revocations, logger }),
  ];
}

/** The gateway's `buildService`: one SubgraphDataSource per subgraph, with its steps. */
export function createSubgraphDataSourceFactory(
  options: SubgraphDataSourceFactoryOptions,
): (subgraph: ServiceEndpointDefinition) => SubgraphDataSource {
  return ({ name, url }) => {
    const target = options.urlFor?.(name) ?? url;
    if (target === undefined) throw new ConfigError(`Subgraph ${name} has no URL in the supergraph`);
    options.logger.debug({ serviceName: name, url: target }, "subgraph URL");
    return new SubgraphDataSource({
      name,
      url: target,
      maxResponseBytes: options.resilience.settings.maxResponseBytes,
      steps: upstreamSteps({ ...options, subgraphName: name }),
    });
  };
}
