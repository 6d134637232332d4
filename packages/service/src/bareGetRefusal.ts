import { ApolloServerErrorCode } from "@apollo/server/errors";
import type { FastifyRequest } from "fastify";
import type { HttpApp } from "./createGraphQLHttpServer.js";
import { sendRefusal } from "./httpErrors.js";

export interface BareGetOptions {
  /** The GraphQL endpoint's path. */
  endpoint: string;
  /** A browser explorer's path to name in the answer (development). @default none */
  explorerPath?: string | undefined;
}

/**
 * `GET /graphql` with nothing to run (no `query`, no persisted-query `extensions`) from a client
 * that does not ask for HTML: `curl` of the URL the ready line printed. Apollo would answer with its
 * CSRF refusal, which reads like an attack report and says nothing of what to send; this answer
 * says how to send a query and, in development, where a person can explore. Browsers (which ask for
 * HTML) still get the landing page.
 */
export function registerBareGetRefusal(app: HttpApp, options: BareGetOptions): void {
  app.addHook("onRequest", async (request, reply) => {
    if (!isBareGet(request, options.endpoint)) return;
    const explore =
      options.explorerPath === undefined
        ? ""
        : ` In a browser, open ${request.protocol}://${request.host}${options.explorerPath}.`;
    return sendRefusal(reply, {
      status: 400,
      code: ApolloServerErrorCode.BAD_REQUEST,
      message:
        `GET ${options.endpoint} has no \`query\` to run. POST a JSON body {"query": "..."} with ` +
        `content-type: application/json, or GET ?query=... with the header apollo-require-preflight: true.${explore}`,
    });
  });
}

function isBareGet(request: FastifyRequest, endpoint: string): boolean {
  if (request.method !== "GET" || request.url.split("?", 1)[0] !== endpoint) return false;
  if (request.headers.accept?.includes("text/html")) return false;
  const query = request.query as Record<string, unknown> | undefined;
  return query?.query === undefined && query?.extensions === undefined;
}
