import { randomUUID } from "node:crypto";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, type ApolloServerOptions, type BaseContext } from "@apollo/server";
import fastifyApollo, { fastifyApolloDrainPlugin } from "@as-integrations/fastify";
import { rewordApolloRequestErrors } from "@logicore/errors";
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from "fastify";
import type { Logger } from "pino";
import { tracingIsOn } from "./activeTrace.js";
import { registerBareGetRefusal } from "./bareGetRefusal.js";
import {
  createClientErrorHandler,
  type HttpErrorOptions,
  notFoundRefusal,
  replyWithError,
  sendRefusal,
} from "./httpErrors.js";
import { knownOperationTypesRule } from "./knownOperationTypesRule.js";
import { createNulCharacterPlugin } from "./nulCharacterPlugin.js";
import { registerServerSpans } from "./serverSpans.js";
import { type CallerCheck, registerCallerCheck } from "./subgraph/callerCheck.js";

export interface ReadinessReport {
  ready: boolean;
  /** Extra detail for operators (e.g. which dependency failed); never secrets. */
  details?: Record<string, unknown>;
}

export interface GraphQLHttpServerOptions<TContext extends BaseContext> {
  /** Apollo Server options (a schema or a gateway); the drain plugin is added here. */
  apollo: ApolloServerOptions<TContext>;
  /** Builds the per-request context: the seam where identity is attached. */
  context: (request: FastifyRequest, reply: FastifyReply) => Promise<TContext>;
  /** What `/health/ready` reports while not draining. */
  readiness: () => Promise<ReadinessReport>;
  logger: Logger;
  /** Largest accepted request body; larger ones get HTTP 413. @default 1048576 (1 MiB) */
  bodyLimitBytes?: number;
  /**
   * Longest a client may take to send one whole request (headers and body); a slower one gets 408
   * and its connection closed, so trickling bytes cannot hold connections open. @default 30000
   */
  requestTimeoutMs?: number;
  /**
   * Addresses and CIDR ranges of the proxies whose `x-forwarded-for` gives `request.ip`; anyone
   * else could name any address it likes. @default [] (the TCP peer is the client)
   */
  trustProxy?: readonly string[];
  /**
   * A browser explorer's path, named in the answer to a `GET /graphql` without a query (a `curl` of
   * the endpoint). @default none: the answer only says how to send a query
   */
  explorerPath?: string;
  /**
   * Checks every request to `/graphql` (with its body's exact text) before GraphQL sees it; one it
   * refuses gets 401 UNAUTHENTICATED. Subgraphs pass the gateway-proof check. @default none
   */
  callerCheck?: CallerCheck;
}

export type HttpApp = FastifyInstance<Server, IncomingMessage, ServerResponse, Logger>;

export interface GraphQLHttpServer {
  readonly app: HttpApp;
  /** Starts listening; port 0 picks a free port. Resolves to the GraphQL endpoint's URL. */
  listen(port: number, host?: string): Promise<string>;
  /** Turns unready, stops accepting, lets in-flight requests finish, then stops Apollo. */
  close(): Promise<void>;
}

/**
 * The HTTP shell shared by the gateway and every subgraph: `POST|GET /graphql`, `/health/live`,
 * `/health/ready`, request ids, one log line per request, a span per request when tracing is on,
 * and a draining shutdown. Every request it refuses itself (bad JSON, wrong content-type, too large,
 * wrong method or path, not even HTTP) gets a GraphQL-shaped error with a public code, never the
 * framework's own body.
 */
export async function createGraphQLHttpServer<TContext extends BaseContext>(
  options: GraphQLHttpServerOptions<TContext>,
): Promise<GraphQLHttpServer> {
  const app = createHttpApp(options);
  let draining = false;
  // First, so every other hook and the handler run inside the request's span. Decided once here:
  // with tracing off there is no per-request work at all.
  if (tracingIsOn()) registerServerSpans(app);
  registerRequestLog(app);
  if (options.callerCheck) registerCallerCheck(app, { endpoint: "/graphql", check: options.callerCheck });
  registerBareGetRefusal(app, { endpoint: "/graphql", explorerPath: options.explorerPath });
  registerHealthRoutes(app, { readiness: options.readiness, isDraining: () => draining });
  const apollo = await startApollo(app, options);
  return {
    app,
    listen: (port, host = "0.0.0.0") => listenQuietly(app, port, host),
    async close() {
      draining = true;
      await drainConnections(app);
      await apollo.stop();
    },
  };
}

/** Fastify with the shell's limits, timeouts and error answers, before any route is registered. */
function createHttpApp(
  options: Pick<
    GraphQLHttpServerOptions<BaseContext>,
    "logger" | "bodyLimitBytes" | "requestTimeoutMs" | "trustProxy"
  >,
): HttpApp {
  const errorOptions: HttpErrorOptions = { bodyLimitBytes: options.bodyLimitBytes ?? 1_048_576 };
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const app = Fastify({
    loggerInstance: options.logger,
    // One line per request comes from registerRequestLog, not fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: errorOptions.bodyLimitBytes,
    trustProxy: options.trustProxy?.length ? [...options.trustProxy] : false,
    requestIdHeader: "x-request-id",
    genReqId: () => randomUUID(),
    // Keep-alive connections would otherwise hold `close()` open until they time out.
    forceCloseConnections: "idle",
    requestTimeout: requestTimeoutMs,
    http: {
      // Node enforces requestTimeout only when given here, with a headersTimeout no longer than it.
      requestTimeout: requestTimeoutMs,
      headersTimeout: Math.min(60_000, requestTimeoutMs),
      // Node looks for timed-out requests every 30 s by default, nearly doubling the timeout.
      connectionsCheckingInterval: Math.min(1_000, requestTimeoutMs),
    },
    // Errors raised before routing (a URL with broken percent-encoding) and on the bare socket.
    frameworkErrors: (error, request, reply) => replyWithError(error, request, reply, errorOptions),
    clientErrorHandler: createClientErrorHandler(options.logger),
  });
  // JSON bodies only (415 for anything else). Fastify would also parse text/plain, a type an HTML form
  // can send cross-site; Apollo's CSRF prevention refuses those too, but need not be the only wall.
  app.removeContentTypeParser("text/plain");
  // Before any route or plugin is registered, so every one of them inherits both.
  app.setErrorHandler((error, request, reply) => replyWithError(error, request, reply, errorOptions));
  app.setNotFoundHandler((request, reply) => {
    const refusal = notFoundRefusal(request, (method, url) => app.hasRoute({ method, url }));
    if (refusal.allow !== undefined) void reply.header("allow", refusal.allow);
    return sendRefusal(reply, refusal);
  });
  return app;
}

/** The request id on every response, and one log line per request. */
function registerRequestLog(app: HttpApp): void {
  app.addHook("onRequest", async (request, reply) => {
    void reply.header("x-request-id", request.id);
  });
  app.addHook("onResponse", async (request, reply) => {
    // Probes and scrapes arrive every few seconds from machines, not people: debug, or they drown
    // the requests a person is looking for.
    const level = isProbe(request.url) ? "debug" : "info";
    request.log[level](
      {
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
      },
      "request completed",
    );
  });
}

const isProbe = (url: string) => url.startsWith("/health/") || url === "/metrics";

function registerHealthRoutes(
  app: HttpApp,
  options: { readiness: () => Promise<ReadinessReport>; isDraining: () => boolean },
): void {
  app.get("/health/live", async () => ({ status: "ok" }));
  app.get("/health/ready", async (request, reply) => {
    if (options.isDraining()) return reply.code(503).send({ status: "draining" });
    // A failed check's message may name hosts and ports: it goes to the log, never to the body.
    const report = await options.readiness().catch((error: unknown): ReadinessReport => {
      request.log.warn({ err: error }, "readiness check failed");
      return { ready: false, details: { check: "failed" } };
    });
    return reply
      .code(report.ready ? 200 : 503)
      .send({ status: report.ready ? "ready" : "unready", ...report.details });
  });
}

/** Apollo Server with the shell's own rule and plugins around the deployable's, mounted at /graphql. */
async function startApollo<TContext extends BaseContext>(
  app: HttpApp,
  options: GraphQLHttpServerOptions<TContext>,
): Promise<ApolloServer<TContext>> {
  const apollo = new ApolloServer<TContext>({
    ...options.apollo,
    // Signals are handled by the deployable's main (closeOnSignals), which drains HTTP first.
    stopOnTerminationSignals: false,
    // A deployable's own steps start with this one (gatewayFormatErrorSteps, subgraphFormatErrorSteps).
    formatError: options.apollo.formatError ?? rewordApolloRequestErrors,
    validationRules: [knownOperationTypesRule, ...(options.apollo.validationRules ?? [])],
    plugins: [
      createNulCharacterPlugin<TContext>(),
      ...(options.apollo.plugins ?? []),
      fastifyApolloDrainPlugin(app),
    ],
  } as ApolloServerOptions<TContext>);
  await apollo.start();
  await app.register(fastifyApollo(apollo), { context: options.context });
  return apollo;
}

/** Listens, and resolves to the GraphQL endpoint's URL. */
async function listenQuietly(app: HttpApp, port: number, host: string): Promise<string> {
  // Fastify logs "Server listening at …" once per address; each deployable logs one line of its
  // own when it is ready (name, URL, database), so fastify's is held back while it listens.
  const level = app.log.level;
  app.log.level = "warn";
  try {
    await app.listen({ port, host });
  } finally {
    app.log.level = level;
  }
  const { port: bound } = app.server.address() as AddressInfo;
  const shownHost = host === "0.0.0.0" || host === "::" ? "localhost" : host;
  return `http://${shownHost}:${bound}/graphql`;
}

/** Stops accepting and waits for in-flight requests. */
async function drainConnections(app: HttpApp): Promise<void> {
  // A request that finishes during the drain leaves its keep-alive connection idle, and the close
  // would wait for the client to hang up (fastify's keepAliveTimeout is 72 s, longer than
  // Kubernetes' grace period). Idle connections are only swept once, when close begins; sweep
  // them until it completes. A connection with a request in flight (or pipelined) is never idle.
  const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
  try {
    await app.close();
  } finally {
    clearInterval(sweep);
  }
}
