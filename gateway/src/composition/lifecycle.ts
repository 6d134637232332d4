import type { GraphQLHttpServer, ReadinessReport } from "@logicore/service";
import type { SubgraphResilience } from "../resilience/subgraphResilience.js";
import type { Federation } from "./federation.js";

/**
 * Ready once a supergraph is loaded, so operations can be planned. Circuit states are reported,
 * never a reason to be unready: one subgraph down would take every replica out of the Service, and
 * the other subgraphs' data with them. Degrading to partial results is the breakers' job.
 */
export function gatewayReadiness(
  federation: Federation,
  resilience: SubgraphResilience,
): () => Promise<ReadinessReport> {
  return async () => ({
    ready: federation.isLoaded(),
    details: { supergraph: federation.isLoaded() ? "loaded" : "missing", subgraphs: resilience.states() },
  });
}

/** `server`, whose close drains HTTP first, then runs `afterDrain` (what in-flight requests still used). */
export function closingAfterDrain(
  server: GraphQLHttpServer,
  afterDrain: () => Promise<void>,
): GraphQLHttpServer {
  return {
    app: server.app,
    listen: (port, host) => server.listen(port, host),
    async close() {
      await server.close();
      await afterDrain();
    },
  };
}
