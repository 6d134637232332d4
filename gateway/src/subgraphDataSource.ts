import { RemoteGraphQLDataSource } from "@apollo/gateway";
import { GraphQLError } from "graphql";
import type { Logger } from "pino";
import { DEV_USER_ID_HEADER, type GatewayContext } from "./gatewayContext.js";
import { classifySubgraphFailure } from "./subgraphFailure.js";

type Process = RemoteGraphQLDataSource<GatewayContext>["process"];
type ProcessOptions = Parameters<Process>[0];

export interface SubgraphDataSourceOptions {
  /** The subgraph's name in the supergraph; clients see it as `extensions.serviceName`. */
  name: string;
  url: string;
  logger: Logger;
}

/**
 * One subgraph as the gateway calls it: relays the request id and the caller's identity headers,
 * and turns a failed call into a coded GraphQL error for that subgraph's fields only, so the other
 * subgraphs' data still reaches the client.
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  readonly #name: string;
  readonly #logger: Logger;

  constructor(options: SubgraphDataSourceOptions) {
    super({ url: options.url });
    this.#name = options.name;
    this.#logger = options.logger;
  }

  override willSendRequest(options: ProcessOptions): void {
    const headers = options.request.http?.headers;
    // Schema loading and health checks run outside any client request: nothing to relay.
    if (headers === undefined || options.kind !== "incoming operation") return;
    const { requestId, authorization, devUserId } = options.context;
    headers.set("x-request-id", requestId);
    if (authorization !== undefined) headers.set("authorization", authorization);
    // Only ever present in development (see createGatewayContext).
    if (devUserId !== undefined) headers.set(DEV_USER_ID_HEADER, devUserId);
  }

  override async process(options: ProcessOptions): ReturnType<Process> {
    try {
      return await super.process(options);
    } catch (failure) {
      const { code, message } = classifySubgraphFailure(this.#name, failure);
      this.#logger.warn(
        {
          err: failure,
          serviceName: this.#name,
          requestId: (options.context as Partial<GatewayContext>).requestId,
        },
        "subgraph call failed",
      );
      throw new GraphQLError(message, { extensions: { code, serviceName: this.#name } });
    }
  }
}
